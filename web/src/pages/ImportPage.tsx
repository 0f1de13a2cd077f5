/**
 * The import wizard: paste or upload a published form's text; see the source beside what was read
 * from it, with the lines the importer could not place marked; save it as a draft. The year and
 * department come from the text when it names them; choosing others is said plainly and must be
 * confirmed, so that a form never lands silently in the wrong department or year.
 */
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Statistic, Steps, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { importFormBytes, importFormText, type ImportOutcome } from '../../../src/import/text/importFormText.ts';
import { sameDepartment } from '../../../src/import/text/sameDepartment.ts';
import { checkDeclaration, countBySeverity } from '../../../src/core/rules/checkDeclaration.ts';
import { api, ApiError } from '../api/client.ts';
import type { DeclarationView } from '../api/types.ts';
import { NewDeclarationDialog } from '../components/NewDeclarationDialog.tsx';
import { OfficialForm } from '../declaration/OfficialForm.tsx';
import { ProjectForm } from '../declaration/ProjectForm.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { allDepartments, useSession } from '../session/session.tsx';

interface Source {
  readonly text: string;
  readonly name: string;
  readonly outcome: ImportOutcome;
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
  const [source, setSource] = useState<Source | null>(null);
  const [saving, setSaving] = useState(false);
  const [creating, setCreating] = useState(false);
  const [saveError, setSaveError] = useState<ApiError | null>(null);

  const read = (text: string, name: string, outcome: ImportOutcome = importFormText(text)) => {
    setSaveError(null);
    setConfirmed([]);
    setSource({ text, name, outcome });
    if (outcome.ok && outcome.declaration.year !== null) setYear(outcome.declaration.year);
  };

  const save = async () => {
    if (!source?.outcome.ok || !departmentId) return;
    setSaving(true);
    setSaveError(null);
    try {
      const created = await api<DeclarationView & { imported?: string[] }>('POST', '/api/v1/declarations/import', { departmentId, year, text: source.text, confirm: confirmed });
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
  const preview = outcome?.ok ? { ...outcome.declaration, year, department: chosenDepartment ?? outcome.declaration.department } : null;
  const unparsedLines = useMemo(() => new Set(outcome?.ok ? outcome.declaration.unparsed.map((u) => u.line) : []), [outcome]);
  const counts = useMemo(() => (outcome?.ok ? countBySeverity(checkDeclaration(outcome.declaration)) : null), [outcome]);
  const lines = useMemo(() => source?.text.split(/\r\n|\r|\n/) ?? [], [source]);

  return (
    <>
      <div className="page-title">
        <h1>{t('导入申报表', 'Import a form')}</h1>
        <Button onClick={() => setCreating(true)}>{t('不导入，新建空白申报表', 'New blank form instead')}</Button>
      </div>
      {creating && <NewDeclarationDialog onClose={() => setCreating(false)} />}
      <Steps style={{ marginBottom: 16 }} current={source ? (outcome?.ok ? 1 : 0) : 0} items={[{ title: t('提供文本', 'Provide the text') }, { title: t('核对解析结果', 'Check what was read') }, { title: t('保存为草稿', 'Save as a draft') }]} />
      {!source && (
        <Card>
          <Form layout="vertical">
            <Form.Item label={t('粘贴申报表文本（从公开的 PDF 中复制）', 'Paste the form text (copied from the published PDF)')} htmlFor="import-text">
              <Input.TextArea id="import-text" rows={14} value={pasted} onChange={(e) => setPasted(e.target.value)} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
            <Space>
              <Button type="primary" disabled={pasted.trim() === ''} onClick={() => read(pasted, t('粘贴的文本', 'pasted text'))}>
                {t('解析', 'Read')}
              </Button>
              <Upload
                accept=".txt,text/plain"
                showUploadList={false}
                beforeUpload={(file) => {
                  void file.arrayBuffer().then((buffer) => {
                    const bytes = new Uint8Array(buffer);
                    const result = importFormBytes(bytes);
                    // The text sent to the server is the decoded text (GB18030 files arrive as Unicode).
                    const text = new TextDecoder(result.ok ? result.encoding : 'utf-8').decode(bytes);
                    read(text, file.name, result);
                  });
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />}>{t('上传文本文件', 'Upload a text file')}</Button>
              </Upload>
            </Space>
          </Form>
        </Card>
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
                <Statistic title={t('未能解析的行', 'Unparsed lines')} value={outcome.declaration.unparsed.length} valueStyle={{ color: outcome.declaration.unparsed.length > 0 ? '#cf1322' : undefined }} />
              </Col>
              <Col span={5}>
                <Statistic title={t('检查：错误 / 警告', 'Check: errors / warnings')} value={`${counts?.error ?? 0} / ${counts?.warning ?? 0}`} />
              </Col>
              <Col span={4}>
                <Typography.Text type="secondary">
                  {source.name} · {t(`${outcome.encoding.toUpperCase()} 编码`, `${outcome.encoding.toUpperCase()} encoding`)}
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
            </Col>
            <Col span={14}>
              <Card size="small" title={t('解析结果', 'What was read')} style={{ maxHeight: '78vh', overflow: 'auto' }}>
                {preview && (preview.kind === 'project-target' ? <ProjectForm content={preview} /> : <OfficialForm content={preview} />)}
              </Card>
            </Col>
          </Row>
        </>
      )}
    </>
  );
}
