/**
 * The import wizard: drop a published form (a workbook, a PDF, a saved web page, a text) or paste
 * its text or a table copied from a web page; see the source — the sheet as a grid, the PDF's pages
 * with their cells, the text's lines — beside what was read from it, with what the importer could
 * not place marked; save it as a draft. Plain text is read in the browser; other formats by the
 * server's readers (the same ones as `jixiao import`). Each form keeps the year it prints unless
 * another is chosen for it (said plainly, and confirmed); one that prints no year is marked as
 * assumed (core/formYear.ts, the rule of the background import too). A form the department has
 * already is said before saving, with the way to bring this file into it when it is a draft.
 */
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, Row, Segmented, Select, Space, Spin, Statistic, Steps, Table, Tag, Typography, Upload } from 'antd';
import { useMemo, useState, type ClipboardEvent } from 'react';
import { draftingYear, formYear, overridesPrintedYear, type FormYear } from '../../../src/core/formYear.ts';
import type { TargetDocument } from '../../../src/core/document.ts';
import { looksLikeCsv } from '../../../src/readers/csvSniff.ts';
import type { SourceFormat, SourceTables as Tables } from '../../../src/table/sourceTable.ts';
import { Link, useNavigate } from 'react-router';
import { stateName } from '../declaration/vocabulary.ts';
import { importFormBytes, importFormText } from '../../../src/import/text/importFormText.ts';
import { sameDepartment } from '../../../src/import/text/sameDepartment.ts';
import { checkDeclaration, countBySeverity } from '../../../src/core/rules/checkDeclaration.ts';
import { api, ApiError } from '../api/client.ts';
import type { AnyDeclarationView, DeclarationSummary, DeclarationView } from '../api/types.ts';
import { NewDeclarationDialog } from '../components/NewDeclarationDialog.tsx';
import { useExistingForms } from '../components/useExistingForm.ts';
import { UpdateFromFileDialog } from '../declaration/UpdateFromFileDialog.tsx';
import { readYear } from '../components/yearText.ts';
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
  // The year of forms that print none: the drafting year (next year from July on).
  const [defaultYear] = useState<number>(() => draftingYear(new Date()));
  // Per form, the year chosen for it (null: the printed one, or the default).
  const [chosen, setChosen] = useState<ReadonlyArray<number | null>>([]);
  // Per form, the year box's text while it is being typed (null: it shows the year in force).
  const [yearTexts, setYearTexts] = useState<ReadonlyArray<string | null>>([]);
  const [confirmed, setConfirmed] = useState<ReadonlyArray<'year' | 'department'>>([]);
  const [pasted, setPasted] = useState('');
  // A table copied from a web page arrives as HTML beside its text: kept, so the table is read as one.
  const [pastedHtml, setPastedHtml] = useState<{ html: string; text: string } | null>(null);
  const [reading, setReading] = useState<string | null>(null);
  // Which of several forms read from one source the summary, the source and the preview show.
  const [shown, setShown] = useState(0);
  const [source, setSource] = useState<Source | null>(null);
  const [saving, setSaving] = useState(false);
  const [creating, setCreating] = useState(false);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [pdfView, setPdfView] = useState<'cells' | 'pages'>('cells');
  const [updating, setUpdating] = useState<{ id: string; draft: AnyDeclarationView['content']; document: TargetDocument } | null>(null);

  const show = (provided: Provided, outcome: Outcome) => {
    setSaveError(null);
    setConfirmed([]);
    setSource({ provided, outcome });
    setShown(0);
    setChosen(outcome.ok ? outcome.documents.map(() => null) : []);
    setYearTexts([]);
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

  const outcome = source?.outcome;
  const documents = useMemo(() => (outcome?.ok ? outcome.documents : []), [outcome]);
  // Each form's year by the one rule: printed, else chosen, else the default (assumed).
  const years: FormYear[] = documents.map((d, i) => formYear(d.year, chosen[i] ?? null, defaultYear));
  const overridden = years.map((y, i) => ({ y, i })).filter(({ y }) => overridesPrintedYear(y));
  const printedDepartment = outcome?.ok ? outcome.declaration.department : null;
  const chosenDepartment = departments.find((d) => d.id === departmentId)?.name ?? null;
  const departmentMismatch = !!(printedDepartment && chosenDepartment && !sameDepartment(printedDepartment, chosenDepartment));
  const mismatches = [...(overridden.length > 0 ? (['year'] as const) : []), ...(departmentMismatch ? (['department'] as const) : [])];
  const unconfirmed = mismatches.filter((m) => !confirmed.includes(m));
  // A year box holding no year in range says so and holds up saving; it is never changed behind the user's back.
  const yearProblems = documents.map((_, i) => {
    const text = yearTexts[i];
    if (text === null || text === undefined) return null;
    const read = readYear(text);
    return read.ok ? null : read.problem;
  });
  // What the department has already: said before saving, never only after.
  const existing = useExistingForms(documents.map((d, i) => ({ departmentId: departmentId ?? '', year: years[i]?.year ?? defaultYear, kind: d.kind, ...(d.kind === 'project-target' ? { projectName: d.project.name } : {}) })));
  const clashes = (existing ?? []).filter((e): e is DeclarationSummary => e !== null);

  // The form shown, as it will be saved: its year and the chosen department.
  const shownDocument = documents[shown] ?? null;
  const shownYear = years[shown];
  const shownYearValue = shownYear?.year;
  const preview = useMemo(() => (shownDocument && shownYearValue !== undefined ? { ...shownDocument, year: shownYearValue, department: chosenDepartment ?? shownDocument.department } : null), [shownDocument, shownYearValue, chosenDepartment]);
  const unparsedLines = useMemo(() => new Set(shownDocument ? shownDocument.unparsed.map((u) => u.line) : []), [shownDocument]);
  const unparsedCells = useMemo(() => new Set(documents.flatMap((d) => d.unparsed.flatMap((u) => (u.at ? [u.at] : [])))), [documents]);
  const unparsedCount = shownDocument?.unparsed.length ?? 0;
  // Counted as the draft will be: the same form, year and department, and the same words.
  const counts = useMemo(() => (preview ? countBySeverity(checkDeclaration(preview)) : null), [preview]);
  const lines = useMemo(() => (source?.provided.kind === 'text' ? source.provided.text.split(/\r\n|\r|\n/) : []), [source]);
  const formatName = (format: SourceFormat) => ({ text: t('文本', 'text'), html: t('网页表格', 'web table'), pdf: 'PDF', xlsx: 'Excel (.xlsx)', xls: t('Excel 97-2003 (.xls)', 'Excel 97-2003 (.xls)'), docx: 'Word (.docx)', csv: 'CSV' })[format];
  const formName = (d: TargetDocument, i: number) => `${i + 1}. ${d.kind === 'project-target' ? t(`项目：${d.project.name ?? '（未命名）'}`, `Project: ${d.project.name ?? '(unnamed)'}`) : t('部门整体申报表', 'Department-wide form')}`;
  // A workbook's sheets are its forms: the source shows the shown form's sheet.
  const sheetOfShown = outcome?.ok && outcome.source && outcome.source.sheets.length === documents.length && documents.length > 1 ? shown : null;

  const save = async () => {
    if (!source?.outcome.ok || !departmentId) return;
    setSaving(true);
    setSaveError(null);
    try {
      const created = await api<DeclarationView & { imported?: string[] }>('POST', '/api/v1/declarations/import', { departmentId, year: defaultYear, years: years.map((y) => (y.source === 'chosen' ? y.year : null)), ...sourceBody(source.provided), confirm: confirmed });
      // Several forms made several drafts: the list shows them all.
      navigate((created.imported?.length ?? 1) > 1 ? `/declarations?departmentId=${departmentId}` : `/declarations/${created.id}`);
    } catch (caught) {
      setSaveError(caught instanceof ApiError ? caught : null);
    } finally {
      setSaving(false);
    }
  };

  const openUpdate = async (existingId: string, document: TargetDocument) => {
    try {
      const view = await api<AnyDeclarationView>('GET', `/api/v1/declarations/${existingId}`);
      setUpdating({ id: existingId, draft: view.content, document });
    } catch (caught) {
      setSaveError(caught instanceof ApiError ? caught : null);
    }
  };

  const yearTag = (y: FormYear) =>
    y.source === 'printed' ? (
      <Tag color="green">{t('按表上年度', 'as printed')}</Tag>
    ) : y.source === 'assumed' ? (
      <Tag color="orange" data-testid="year-assumed">{t('表上未印年度，假定', 'not printed: assumed')}</Tag>
    ) : y.printed !== null ? (
      <Tag color="red">{t(`表上为 ${y.printed} 年度`, `the form prints ${y.printed}`)}</Tag>
    ) : (
      <Tag>{t('已选定', 'chosen')}</Tag>
    );

  return (
    <>
      <div className="page-title">
        <h1>{t('导入申报表', 'Import a form')}</h1>
        <Button onClick={() => setCreating(true)}>{t('不导入，新建空白申报表', 'New blank form instead')}</Button>
      </div>
      {creating && <NewDeclarationDialog onClose={() => setCreating(false)} />}
      {updating && <UpdateFromFileDialog draftId={updating.id} draft={updating.draft} preset={{ name: source?.provided.name ?? '', documents: [updating.document] }} onClose={() => setUpdating(null)} />}
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
      {source && outcome?.ok && shownDocument && (
        <>
          <Card size="small" style={{ marginBottom: 16 }} data-testid="import-summary" title={documents.length > 1 ? t(`第 ${shown + 1} 份表（共 ${documents.length} 份）`, `Form ${shown + 1} of ${documents.length}`) : undefined}>
            <Row gutter={16} align="middle">
              <Col span={5}>
                <Statistic title={shownDocument.kind === 'project-target' ? t('项目', 'Project') : t('重点项目', 'Projects')} value={shownDocument.kind === 'project-target' ? (shownDocument.project.name ?? '—') : shownDocument.projects.length} valueStyle={shownDocument.kind === 'project-target' ? { fontSize: 16 } : undefined} />
              </Col>
              <Col span={4}>
                <Statistic title={t('绩效指标', 'Indicators')} value={shownDocument.indicators.length} />
              </Col>
              <Col span={4}>
                <Statistic title={outcome.format === 'text' ? t('未能解析的行', 'Unparsed lines') : t('未能解析的单元格', 'Unparsed cells')} value={unparsedCount} valueStyle={{ color: unparsedCount > 0 ? '#cf1322' : undefined }} />
              </Col>
              <Col span={6}>
                <Statistic
                  title={t('检查结果', 'Findings')}
                  value={t(`${counts?.error ?? 0} 个错误、${counts?.warning ?? 0} 个警告、${counts?.info ?? 0} 个提示`, `${counts?.error ?? 0} errors, ${counts?.warning ?? 0} warnings, ${counts?.info ?? 0} notes`)}
                  valueStyle={{ fontSize: 16 }}
                  data-testid="import-findings"
                />
              </Col>
              <Col span={5}>
                <Typography.Text type="secondary" data-testid="import-format">
                  {source.provided.name} · {formatName(outcome.format)}
                  {outcome.encoding ? ` · ${t(`${outcome.encoding.toUpperCase()} 编码`, `${outcome.encoding.toUpperCase()} encoding`)}` : ''}
                  {documents.length > 1 ? ` · ${t(`${documents.length} 份表`, `${documents.length} forms`)}` : ''}
                  {outcome.simplified ? ` · ${t('繁体已按简体识别', 'traditional read as simplified')}` : ''}
                </Typography.Text>
              </Col>
            </Row>
          </Card>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Form layout="inline" style={{ marginBottom: 12 }}>
              <Form.Item label={t('部门', 'Department')} htmlFor="import-department" validateStatus={saveError?.fieldMessage('departmentId') ? 'error' : undefined}>
                <Select id="import-department" style={{ width: 320 }} value={departmentId} onChange={(v) => { setDepartmentId(v); setSaveError(null); }} options={departments.map((d) => ({ value: d.id, label: d.name }))} />
              </Form.Item>
              <Space>
                <Button onClick={() => setSource(null)}>{t('重新提供', 'Start again')}</Button>
                <Button type="primary" loading={saving} disabled={!departmentId || unconfirmed.length > 0 || clashes.length > 0 || existing === undefined || yearProblems.some((p) => p !== null)} onClick={() => void save()} data-testid="import-save">
                  {documents.length > 1 ? t(`保存为草稿（${documents.length} 份）`, `Save as drafts (${documents.length})`) : t('保存为草稿', 'Save as a draft')}
                </Button>
              </Space>
            </Form>
            <Table
              size="small"
              rowKey={(_, i) => String(i)}
              pagination={false}
              data-testid="import-forms"
              dataSource={documents.map((d, i) => ({ d, i }))}
              rowClassName={({ i }) => (i === shown ? 'import-form-shown' : '')}
              columns={[
                { title: t('表', 'Form'), render: (_: unknown, { d, i }) => (documents.length > 1 ? <Button type="link" size="small" aria-pressed={i === shown} onClick={() => setShown(i)}>{formName(d, i)}</Button> : formName(d, i)) },
                { title: t('表上年度', 'Printed year'), render: (_: unknown, { d }) => (d.year === null ? <span className="secondary">{t('未印', 'none')}</span> : d.year) },
                {
                  title: t('保存为年度', 'Saved as'),
                  render: (_: unknown, { i }) => {
                    const problem = yearProblems[i];
                    return (
                      <>
                        <Input
                          aria-label={t(`第 ${i + 1} 份表的年度`, `year of form ${i + 1}`)}
                          id={i === 0 ? 'import-year' : undefined}
                          inputMode="numeric"
                          style={{ width: 100 }}
                          status={problem ? 'error' : undefined}
                          aria-invalid={problem ? true : undefined}
                          value={yearTexts[i] ?? String(years[i]?.year ?? '')}
                          onChange={(e) => {
                            const text = e.target.value;
                            setYearTexts(documents.map((_d, k) => (k === i ? text : (yearTexts[k] ?? null))));
                            setSaveError(null);
                            const read = readYear(text);
                            if (!read.ok) return;
                            setChosen(documents.map((d, k) => (k === i ? (read.year === d.year ? null : read.year) : (chosen[k] ?? null))));
                          }}
                        />
                        {problem && <div className="cell-error" role="alert" data-testid={`import-year-problem-${i}`}>{pick(problem)}</div>}
                      </>
                    );
                  },
                },
                { title: t('年度说明', 'Year'), render: (_: unknown, { i }) => (years[i] ? yearTag(years[i]) : null) },
                {
                  title: t('本部门已有', 'Already there'),
                  render: (_: unknown, { d, i }) => {
                    const found = existing?.[i];
                    if (existing === undefined) return <span className="secondary">{t('查询中…', 'checking…')}</span>;
                    if (!found) return <span className="secondary">{t('无', 'none')}</span>;
                    const editable = found.state === 'draft' || found.state === 'returned';
                    return (
                      <Space wrap size={4} data-testid="import-existing">
                        <Tag color="red">{t(`已有 ${found.year} 年度此表（${stateName(found.state, t)}）`, `a ${found.year} form exists (${stateName(found.state, t)})`)}</Tag>
                        <Link to={`/declarations/${found.id}`}>{t('打开', 'Open')}</Link>
                        {editable && (
                          <Button size="small" onClick={() => void openUpdate(found.id, d)} data-testid="import-update-existing">
                            {t('用此文件更新该草稿', 'Update that draft from this file')}
                          </Button>
                        )}
                      </Space>
                    );
                  },
                },
              ]}
            />
            {clashes.length > 0 && (
              <Alert style={{ marginTop: 12 }} type="error" showIcon data-testid="import-clash" message={t('本部门已有同一年度的这张表：另选年度，或用此文件更新已有的草稿', 'The department has this form for that year already: choose another year, or update the existing draft from this file')} />
            )}
            {mismatches.length > 0 && (
              <Alert
                data-testid="import-mismatch"
                style={{ marginTop: 12 }}
                type="warning"
                showIcon
                message={t('所选的年度或部门与表上所印的不一致，请核对', 'A year or department chosen differs from what the form prints; please check')}
                description={
                  <div>
                    {mismatches.includes('year') && (
                      <label className="check" style={{ display: 'flex' }}>
                        <input type="checkbox" checked={confirmed.includes('year')} onChange={(e) => setConfirmed(e.target.checked ? [...confirmed, 'year'] : confirmed.filter((c) => c !== 'year'))} />
                        {overridden.map(({ y, i }) => t(`${documents.length > 1 ? `第 ${i + 1} 份表` : '此表'}印的是 ${y.printed} 年度，确认按 ${y.year} 年度保存`, `${documents.length > 1 ? `form ${i + 1}` : 'the form'} prints ${y.printed}: save it as ${y.year}`)).join(t('；', '; '))}
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
            {saveError && <Alert role="alert" style={{ marginTop: 12 }} type="error" showIcon message={pick(saveError.text)} />}
          </Card>
          <Row gutter={16}>
            <Col span={11}>
              {outcome.source ? (
                <Card
                  size="small"
                  title={outcome.format === 'pdf' ? t('原文：PDF 中识别出的单元格（红色为未能解析）', 'Source: the cells found in the PDF (unparsed in red)') : t('原文：表格（红色为未能解析的单元格）', 'Source: the table (unparsed cells in red)')}
                  extra={
                    outcome.format === 'pdf' ? (
                      <Segmented<'cells' | 'pages'> size="small" value={pdfView} onChange={setPdfView} options={[{ value: 'cells', label: t('按表格', 'As a table') }, { value: 'pages', label: t('按页面', 'As pages') }]} />
                    ) : undefined
                  }
                >
                  <div className="source-view source-tables" data-testid="source-view">
                    <SourceTables source={outcome.source} unparsed={unparsedCells} sheet={sheetOfShown} onSheet={setShown} pdfView={pdfView} />
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
            <Col span={13}>
              <Card
                size="small"
                title={t('解析结果', 'What was read')}
                style={{ maxHeight: '78vh', overflow: 'auto' }}
                extra={
                  documents.length > 1 ? (
                    <Select aria-label={t('查看第几份表', 'Which form to show')} size="small" style={{ width: 260 }} value={shown} onChange={setShown} options={documents.map((d, i) => ({ value: i, label: formName(d, i) }))} />
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
