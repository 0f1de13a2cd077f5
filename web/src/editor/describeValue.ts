/** A value of a declaration said in words for a person: a row as its cells, an amount as printed, nothing as a dash. */
import { showAmount } from '../declaration/display.ts';

export function describeValue(value: unknown, t: (zh: string, en: string) => string): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'string') return /^-?\d+\.\d{2,6}$/.test(value) ? `${showAmount(value)} ${t('万元', '(10k yuan)')}` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v) => describeValue(v, t)).join(' / ');
  const row = value as Record<string, unknown>;
  if ('annualTarget' in row) {
    return [row.level1, row.level2, row.name, row.periodTarget, row.annualTarget].map((v) => (typeof v === 'string' && v !== '' ? v : '—')).join(' | ');
  }
  if ('expectedOutcome' in row) return [row.name, row.amount ? describeValue(row.amount, t) : '—', row.content].map((v) => (typeof v === 'string' && v !== '' ? v : '—')).join(' | ');
  if ('line' in row && 'text' in row) return t(`第 ${String(row.line)} 行：${String(row.text)}`, `line ${String(row.line)}: ${String(row.text)}`);
  return Object.values(row)
    .filter((v) => typeof v === 'string' || typeof v === 'number')
    .join(' | ');
}
