/** Each source format as people name it, for notes and messages. */
import type { SourceFormat } from '../table/sourceTable.ts';

export const FORMAT_NAMES: Record<SourceFormat, { zh: string; en: string }> = {
  text: { zh: '文本', en: 'text' },
  html: { zh: '网页', en: 'a web page' },
  pdf: { zh: 'PDF', en: 'PDF' },
  xlsx: { zh: 'Excel (.xlsx)', en: 'Excel (.xlsx)' },
  xls: { zh: 'Excel (.xls)', en: 'Excel (.xls)' },
  docx: { zh: 'Word (.docx)', en: 'Word (.docx)' },
  csv: { zh: 'CSV', en: 'CSV' },
};
