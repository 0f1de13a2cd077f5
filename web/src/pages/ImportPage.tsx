/**
 * The import wizard: drop a published form (a workbook, a PDF, a saved web page, a text) or paste
 * its text or a table copied from a web page; see the source — the sheet as a grid, the PDF's pages
 * with their cells, the text's lines — beside what was read from it, with what the importer could
 * not place marked; save it as a draft. Plain text is read in the browser; other formats by the
 * server's readers (the same ones as `jixiao import`). The year and
 * department come from the text when it names them; choosing others is said plainly and must be
 * confirmed, so that a form never lands silently in the wrong department or year.
 */
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Spin, Statistic, Steps, Tag, Typography, Upload } from 'antd';
import { useMemo, useState, type ClipboardEvent } from 'react';
import type { TargetDocument } from '../../../src/core/document.ts';
import { looksLikeCsv } from '../../../src/readers/csvSniff.ts';
import type { SourceFormat, SourceTables as Tables } from '../../../src/table/sourceTable.ts';
import { Link, useNavigate } from 'react-router';
import { importFormBytes, importFormText } from '../../../src/import/text/importFormText.ts';
import { sameDepartment } from '../../../src/import/text/sameDepartment.ts';
import { checkDeclaration, countBySeverity } from '../../../src/core/rules/checkDeclaration.ts';
import { api, ApiError } from '../api/client.ts';
import type { DeclarationView } from '../api/types.ts';
import { NewDeclarationDialog } from '../components/NewDeclarationDialog.tsx';
import { OfficialForm } from '../declaration/OfficialForm.tsx';
import { ProjectForm } from '../declaration/ProjectForm.tsx';
import { SourceTables } from '../declaration/SourceTables.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { allDepartments, useSession } from '../session/session.tsx';

/** What the user gave: text read here, or a file or pasted HTML for the server's readers. */
type Provided = { readonly kind: 'text'; readonly name: string; readonly text: string } | { readonly kind: 'file'; readonly name: string; readonly data: string } | { readonly kind: 'html'; readonly name: string; readonly text: string };

/** What was read: the documents (one per form), the format and the source's tables. */
type Outcome =
  | { readonly ok: true; readonly documents: readonly TargetDocument[]; readonly declaration: TargetDocument; readonly format: SourceFormat; readonly source: Tables | null; readonly encoding: string | null; readonly simplified: boolean }
  | { readonly ok: false; readonly message: { zh: string; en: string }; readonly evidence: readonly string[] };

interface Source {
  readonly provided: Provided;
  readonly outcome: Outcome;
}

/** The largest file the server reads (its readers' bound). */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.xlsx,.xls,.docx,.pdf,.html,.htm,.txt,.csv';

/** True for bytes that are a workbook, a Word document, a PDF, HTML or CSV: the server reads those. */
function isServerFormat(bytes: Uint8Array): boolean {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 2048));
  return zip || ole || head.includes('%PDF-') || /^\s*<(!doctype html|html|meta|table|!--startfragment)/i.test(head) || /<table[\s>]/i.test(head) || looksLikeCsv(new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 256 * 1024)));
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function textOutcome(outcome: ReturnType<typeof importFormText>): Outcome {
  return outcome.ok
    ? { ok: true, documents: outcome.documents.map((d) => d.document), declaration: outcome.declaration, format: 'text', source: null, encoding: outcome.encoding, simplified: false }
    : { ok: false, message: outcome.message, evidence: outcome.evidence };
}

/** The body the server reads the source from, for the preview and for the save. */
function sourceBody(provided: Provided): { text: string } | { file: { name: string; data: string } } {
  return provided.kind === 'file' ? { file: { name: provided.name, data: provided.data } } : { text: provided.text };
}

export default function ImportPage() {
  const { t, pick } = useLocale();
  const { user, regions } = useSession();
  const navigate = useNavigate();
  const departments = allDepartments(regions).filter((d) => d.id === user?.departmentId);
  const [departmentId, setDepartmentId] = useState<string | undefined>(user?.departmentId ?? undefined);
  // The year the text prints wins; until a text is read, forms are drafted for next year from July on.
  const [year, setYear] = useState<number>(new Date().getMonth() >= 6 ? new Date().getFullYear() + 1 : new Date().getFullYear());
  const [confirmed, setConfirmed] = useState<ReadonlyArray<'year' | 'department'>>([]);
  const [pasted, setPasted] = useState('');
  // A table copied from a web page arrives as HTML beside its text: kept, so the table is read as one.
  const [pastedHtml, setPastedHtml] = useState<{ html: string; text: string } | null>(null);
  const [reading, setReading] = useState<string | null>(null);
  // Which of several forms read from one source the preview shows.
  const [shown, setShown] = useState(0);
  const [source, setSource] = useState<Source | null>(null);
  const [saving, setSaving] = useState(false);
  const [creating, setCreating] = useState(false);
  const [saveError, setSaveError] = useState<ApiError | null>(null);

  const show = (provided: Provided, outcome: Outcome) => {
    setSaveError(null);
    setConfirmed([]);
    setSource({ provided, outcome });
    setShown(0);
    if (outcome.ok && outcome.declaration.year !== null) setYear(outcome.declaration.year);
  };

  const readOnServer = async (provided: Provided) => {
    setReading(provided.name);
    try {
      const read = await api<{ format: SourceFormat; simplified: boolean; documents: TargetDocument[]; source: Tables | null }>('POST', '/api/v1/declarations/import/preview', sourceBody(provided));
      const first = read.documents[0];
      show(provided, first ? { ok: true, documents: read.documents, declaration: first, format: read.format, source: read.source, encoding: null, simplified: read.simplified } : { ok: false, message: { zh: '文件中没有申报表', en: 'the file holds no form' }, evidence: [] });
    } catch (caught) {
      const error = caught instanceof ApiError ? caught : null;
      const evidence = Array.isArray(error?.extra.evidence) ? (error.extra.evidence as string[]) : [];
      show(provided, { ok: false, message: error?.text ?? { zh: '读取失败', en: 'reading failed' }, evidence });
    } finally {
      setReading(null);
    }
  };

  const readPasted = () => {
    if (pastedHtml && pastedHtml.text === pasted) {
      void readOnServer({ kind: 'html', name: t('粘贴的网页表格', 'pasted web table'), text: pastedHtml.html });
      return;
    }
    show({ kind: 'text', name: t('粘贴的文本', 'pasted text'), text: pasted }, textOutcome(importFormText(pasted)));
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const html = event.clipboardData.getData('text/html');
    const text = event.clipboardData.getData('text/plain');
    // Only a paste that replaces the whole box keeps its table (a paste into the middle of text is text).
    if (html && /<table[\s>]/i.test(html) && (pasted === '' || event.currentTarget.selectionEnd - event.currentTarget.selectionStart === pasted.length)) setPastedHtml({ html, text });
    else setPastedHtml(null);
  };

  const readFile = async (file: File) => {
    if (file.size > MAX_FILE_BYTES) {
      const mb = (file.size / 1024 / 1024).toFixed(1);
      show({ kind: 'text', name: file.name, text: '' }, { ok: false, message: { zh: `${file.name}：文件过大（${mb} MB），上限 20 MB`, en: `${file.name}: the file is too large (${mb} MB); the limit is 20 MB` }, evidence: [] });
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (isServerFormat(bytes)) {
      await readOnServer({ kind: 'file', name: file.name, data: base64(bytes) });
      return;
    }
    const result = importFormBytes(bytes);
    // The text sent to the server is the decoded text (GB18030 files arrive as Unicode).
    const text = new TextDecoder(result.ok ? result.encoding : 'utf-8').decode(bytes);
    show({ kind: 'text', name: file.name, text }, textOutcome(result));
  };

  const save = async () => {
    if (!source?.outcome.ok || !departmentId) return;
    setSaving(true);
    setSaveError(null);
    try {
      const created = await api<DeclarationView & { imported?: string[] }>('POST', '/api/v1/declarations/import', { departmentId, year, ...sourceBody(source.provided), confirm: confirmed });
      // A text of several forms made several drafts: the list shows them all.
      navigate((created.imported?.length ?? 1) > 1 ? `/declarations?year=${year}&departmentId=${departmentId}` : `/declarations/${created.id}`);
    } catch (caught) {
      setSaveError(caught instanceof ApiError ? caught : null);
    } finally {
      setSaving(false);
    }
  };

  const outcome = source?.outcome;
  const printedYear = outcome?.ok ? outcome.declaration.year : null;
  const printedDepartment = outcome?.ok ? outcome.declaration.department : null;
  const chosenDepartment = departments.find((d) => d.id === departmentId)?.name ?? null;
  const mismatches = [
    ...(printedYear !== null && printedYear !== year ? (['year'] as const) : []),
    ...(printedDepartment && chosenDepartment && !sameDepartment(printedDepartment, chosenDepartment) ? (['department'] as const) : []),
  ];
  const unconfirmed = mismatches.filter((m) => !confirmed.includes(m));
  // What is shown as read follows the year chosen, so the preview never says another year than the one saved.
  const shownDocument = outcome?.ok ? (outcome.documents[shown] ?? outcome.declaration) : null;
  const preview = shownDocument ? { ...shownDocument, year, department: chosenDepartment ?? shownDocument.department } : null;
  const unparsedLines = useMemo(() => new Set(outcome?.ok ? outcome.documents.flatMap((d) => d.unparsed.map((u) => u.line)) : []), [outcome]);
  const unparsedCells = useMemo(() => new Set(outcome?.ok ? outcome.documents.flatMap((d) => d.unparsed.flatMap((u) => (u.at ? [u.at] : []))) : []), [outcome]);
  const unparsedCount = outcome?.ok ? outcome.documents.reduce((n, d) => n + d.unparsed.length, 0) : 0;
  const counts = useMemo(() => (outcome?.ok ? countBySeverity(checkDeclaration(outcome.declaration)) : null), [outcome]);
  const lines = useMemo(() => (source?.provided.kind === 'text' ? source.provided.text.split(/\r\n|\r|\n/) : []), [source]);
  const formatName = (format: SourceFormat) => ({ text: t('文本', 'text'), html: t('网页表格', 'web table'), pdf: 'PDF', xlsx: 'Excel (.xlsx)', xls: t('Excel 97-2003 (.xls)', 'Excel 97-2003 (.xls)'), docx: 'Word (.docx)', csv: 'CSV' })[format];

  return (
    <>
      <div className="page-title">
        <h1>{t('导入申报表', 'Import a form')}</h1>
        <Button onClick={() => setCreating(true)}>{t('不导入，新建空白申报表', 'New blank form instead')}</Button>
      </div>
      {creating && <NewDeclarationDialog onClose={() => setCreating(false)} />}
      <Steps style={{ marginBottom: 16 }} current={source ? (outcome?.ok ? 1 : 0) : 0} items={[{ title: t('提供文件或文本', 'Provide the file or text') }, { title: t('核对解析结果', 'Check what was read') }, { title: t('保存为草稿', 'Save as a draft') }]} />
      {!source && (
        <Spin spinning={reading !== null} tip={reading ? t(`正在读取 ${reading}…`, `Reading ${reading}…`) : undefined}>
          <Card>
            <Upload.Dragger
              accept={ACCEPT}
              multiple={false}
              showUploadList={false}
              disabled={reading !== null}
              beforeUpload={(file) => {
                void readFile(file);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('把申报表文件拖到这里，或点击选择文件', 'Drop the form file here, or click to choose one')}</p>
              <p className="ant-upload-hint">{t('Excel（.xlsx、.xls）、Word（.docx）、PDF、网页（.html）或文本（.txt），不超过 20 MB；多张工作表或多份表各成一份草稿', 'Excel (.xlsx, .xls), Word (.docx), PDF, a web page (.html) or text (.txt), up to 20 MB; each sheet or form becomes a draft of its own')}</p>
            </Upload.Dragger>
            <Form layout="vertical" style={{ marginTop: 16 }}>
              <Form.Item
                label={t('或粘贴申报表文本，或从网页上复制的整张表格', 'Or paste the form text, or a whole table copied from a web page')}
                htmlFor="import-text"
                extra={pastedHtml && pastedHtml.text === pasted ? <Tag color="blue" data-testid="pasted-table">{t('粘贴的内容含表格：将按表格读取', 'The paste holds a table: it is read as a table')}</Tag> : undefined}
              >
                <Input.TextArea id="import-text" rows={10} value={pasted} onPaste={onPaste} onChange={(e) => setPasted(e.target.value)} style={{ fontFamily: 'monospace' }} />
              </Form.Item>
              <Space>
                <Button type="primary" disabled={pasted.trim() === '' || reading !== null} onClick={readPasted}>
                  {t('解析', 'Read')}
                </Button>
                {pastedHtml && pastedHtml.text === pasted && (
                  <Button onClick={() => setPastedHtml(null)}>{t('按纯文本读取', 'Read as plain text')}</Button>
                )}
              </Space>
            </Form>
          </Card>
        </Spin>
      )}
      {source && outcome && !outcome.ok && (
        <Alert
          role="alert"
          type="error"
          showIcon
          message={pick(outcome.message)}
          description={outcome.evidence.length > 0 ? <pre style={{ margin: 0 }}>{outcome.evidence.map((line) => line.replace(/^line (\d+): /, (_, n: string) => t(`第 ${n} 行：`, `line ${n}: `))).join('\n')}</pre> : undefined}
          action={<Button onClick={() => setSource(null)}>{t('重新提供', 'Start again')}</Button>}
        />
      )}
      {source && outcome?.ok && (
        <>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Row gutter={16} align="middle">
              <Col span={5}>
                <Statistic title={outcome.declaration.kind === 'project-target' ? t('项目申报表（份）', 'Project forms') : t('重点项目', 'Projects')} value={outcome.declaration.kind === 'project-target' ? outcome.documents.length : outcome.declaration.projects.length} />
              </Col>
              <Col span={5}>
                <Statistic title={t('绩效指标', 'Indicators')} value={outcome.declaration.indicators.length} />
              </Col>
              <Col span={5}>
                <Statistic title={outcome.format === 'text' ? t('未能解析的行', 'Unparsed lines') : t('未能解析的单元格', 'Unparsed cells')} value={unparsedCount} valueStyle={{ color: unparsedCount > 0 ? '#cf1322' : undefined }} />
              </Col>
              <Col span={5}>
                <Statistic title={t('检查：错误 / 警告', 'Check: errors / warnings')} value={`${counts?.error ?? 0} / ${counts?.warning ?? 0}`} />
              </Col>
              <Col span={4}>
                <Typography.Text type="secondary" data-testid="import-format">
                  {source.provided.name} · {formatName(outcome.format)}
                  {outcome.encoding ? ` · ${t(`${outcome.encoding.toUpperCase()} 编码`, `${outcome.encoding.toUpperCase()} encoding`)}` : ''}
                  {outcome.documents.length > 1 ? ` · ${t(`${outcome.documents.length} 份表`, `${outcome.documents.length} forms`)}` : ''}
                  {outcome.simplified ? ` · ${t('繁体已按简体识别', 'traditional read as simplified')}` : ''}
                </Typography.Text>
              </Col>
            </Row>
          </Card>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Form layout="inline">
              <Form.Item label={t('部门', 'Department')} htmlFor="import-department" validateStatus={saveError?.fieldMessage('departmentId') ? 'error' : undefined}>
                <Select id="import-department" style={{ width: 320 }} value={departmentId} onChange={setDepartmentId} options={departments.map((d) => ({ value: d.id, label: d.name }))} />
              </Form.Item>
              <Form.Item
                label={t('年度', 'Year')}
                htmlFor="import-year"
                validateStatus={saveError?.fieldMessage('year') ? 'error' : undefined}
                help={saveError?.fieldMessage('year') ? pick(saveError.text) : undefined}
              >
                <InputNumber id="import-year" min={2000} max={2100} precision={0} value={year} onChange={(v) => typeof v === 'number' && setYear(v)} />
              </Form.Item>
              <Space>
                <Button onClick={() => setSource(null)}>{t('重新提供', 'Start again')}</Button>
                <Button type="primary" loading={saving} disabled={!departmentId || unconfirmed.length > 0} onClick={() => void save()}>
                  {t('保存为草稿', 'Save as a draft')}
                </Button>
              </Space>
            </Form>
            {mismatches.length > 0 && (
              <Alert
                data-testid="import-mismatch"
                style={{ marginTop: 12 }}
                type="warning"
                showIcon
                message={t('文本与所选的年度或部门不一致，请核对', 'The text names another year or department than chosen; please check')}
                description={
                  <div>
                    {mismatches.includes('year') && (
                      <label className="check" style={{ display: 'flex' }}>
                        <input type="checkbox" checked={confirmed.includes('year')} onChange={(e) => setConfirmed(e.target.checked ? [...confirmed, 'year'] : confirmed.filter((c) => c !== 'year'))} />
                        {t(`文本是 ${printedYear} 年度的申报表；确认作为 ${year} 年度保存`, `The text is the ${printedYear} form; save it as ${year} anyway`)}
                      </label>
                    )}
                    {mismatches.includes('department') && (
                      <label className="check" style={{ display: 'flex' }}>
                        <input type="checkbox" checked={confirmed.includes('department')} onChange={(e) => setConfirmed(e.target.checked ? [...confirmed, 'department'] : confirmed.filter((c) => c !== 'department'))} />
                        {t(`文本写的部门是「${printedDepartment}」；确认作为「${chosenDepartment}」的申报表保存`, `The text names ${printedDepartment}; save it as the form of ${chosenDepartment} anyway`)}
                      </label>
                    )}
                  </div>
                }
              />
            )}
            {saveError && !saveError.fieldMessage('year') && (
              <Alert role="alert" style={{ marginTop: 12 }} type="error" showIcon message={pick(saveError.text)} />
            )}
            {saveError?.extra.existingId ? (
              <div style={{ marginTop: 8 }}>
                <Link to={`/declarations/${String(saveError.extra.existingId)}`}>{t('打开已有的申报表', 'Open the existing form')}</Link>
              </div>
            ) : null}
          </Card>
          <Row gutter={16}>
            <Col span={10}>
              {outcome.source ? (
                <Card size="small" title={outcome.format === 'pdf' ? t('原文：PDF 各页及识别出的单元格（红色为未能解析）', 'Source: the PDF pages with the cells found (unparsed in red)') : t('原文：表格（红色为未能解析的单元格）', 'Source: the table (unparsed cells in red)')}>
                  <div className="source-view source-tables" data-testid="source-view">
                    <SourceTables source={outcome.source} unparsed={unparsedCells} />
                  </div>
                </Card>
              ) : (
                <Card size="small" title={t('原文（红色为未能解析的行）', 'Source (unparsed lines in red)')}>
                  <div className="source-view" data-testid="source-view">
                    {lines.map((line, i) => (
                      <div key={i} className={unparsedLines.has(i + 1) ? 'line unparsed' : 'line'} data-unparsed={unparsedLines.has(i + 1) || undefined}>
                        <span className="line-no" aria-label={t(`第 ${i + 1} 行`, `line ${i + 1}`)}>
                          {i + 1}
                        </span>
                        <span>{line}</span>
                      </div>
                    ))}
                  </div>
                </Card>
              )}
            </Col>
            <Col span={14}>
              <Card
                size="small"
                title={t('解析结果', 'What was read')}
                style={{ maxHeight: '78vh', overflow: 'auto' }}
                extra={
                  outcome.documents.length > 1 ? (
                    <Select
                      aria-label={t('查看第几份表', 'Which form to show')}
                      size="small"
                      style={{ width: 260 }}
                      value={shown}
                      onChange={setShown}
                      options={outcome.documents.map((d, i) => ({ value: i, label: `${i + 1}. ${d.kind === 'project-target' ? (d.project.name ?? t('项目申报表', 'project form')) : (d.department ?? t('部门整体申报表', 'department form'))}` }))}
                    />
                  ) : undefined
                }
              >
                {preview && (preview.kind === 'project-target' ? <ProjectForm content={preview} /> : <OfficialForm content={preview} />)}
              </Card>
            </Col>
          </Row>
        </>
      )}
    </>
  );
}
