/**
 * One assessment template: its criteria as a tree, where its weights do not add up, its source and its
 * versions. A region's admin makes the region's version for the year from it (or edits the region's
 * own): the criteria edited in place with the problems said as they are typed, saved once they add
 * up; a template already used is saved as a new version, and the page says so before. Leaving or
 * discarding with unsaved changes asks first. Everyone else of the bureau reads it.
 */
import Button from 'antd/es/button';
import Input from 'antd/es/input';
import Popconfirm from 'antd/es/popconfirm';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Criterion } from '../../../src/core/assessment/assessment.ts';
import { templateProblems } from '../../../src/core/assessment/scoring.ts';
import type { AssessmentTemplateView } from '../../../src/format/apiTypes.ts';
import { api, ApiError, query } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { PURPOSE_SHORT } from '../assessment/names.ts';
import { TemplateEditor } from '../assessment/TemplateEditor.tsx';
import { templatePath, templateSource } from '../assessment/templateNames.ts';
import type { TemplateProblem } from '../assessment/templateTree.ts';
import { TemplateTreeView } from '../assessment/TemplateTreeView.tsx';
import { useTemplateScope } from '../assessment/useTemplateScope.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { StatusPage } from '../components/StatusPage.tsx';
import { LeavePrompt, useLeavePrompt } from '../editor/useLeavePrompt.tsx';
import { useLocale } from '../i18n/locale.tsx';

type TemplateWithVersions = AssessmentTemplateView & { versions: Array<{ id: string; version: number; used: boolean; updatedAt: string }> };

interface Draft {
  readonly name: string;
  readonly criteria: Criterion[];
  readonly changed: boolean;
}

export default function TemplatePage() {
  const { id = '' } = useParams();
  const { t, pick, time } = useLocale();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const scope = useTemplateScope();
  const path = `/api/v1/assessment-templates/${encodeURIComponent(id)}`;
  const view = useResource(path, () => api<TemplateWithVersions>('GET', path));
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [refused, setRefused] = useState<{ criteria: Criterion[]; problems: TemplateProblem[] } | null>(null);
  const [savedTo, setSavedTo] = useState<{ id: string; version: number } | null>(null);
  // The answer for this address only: after a save moves the page to the new version, the old one is not shown as it.
  const template = view.data?.id === id ? view.data : undefined;
  const unsaved = draft?.changed === true;
  const blocker = useLeavePrompt(unsaved);
  const problems = useMemo(() => (draft && template ? templateProblems(draft.criteria, template.purpose) : []), [draft, template]);

  // After a save the draft is gone (nothing to ask about), then the page moves to the version saved.
  useEffect(() => {
    if (!savedTo || unsaved) return;
    navigate(`${templatePath(savedTo.id, scope.year, scope.regionId)}&saved=${savedTo.version}`);
    setSavedTo(null);
  }, [savedTo, unsaved, navigate, scope.year, scope.regionId]);

  if (view.error instanceof ApiError && [401, 403, 404].includes(view.error.status)) {
    const status = view.error.status;
    return (
      <StatusPage
        code={String(status)}
        title={status === 404 ? t('没有这个指标体系', 'There is no such template') : t('无权查看评价指标体系', 'You may not see the assessment templates')}
        detail={pick(view.error.text)}
        actions={
          <Link className="btn" to="/assessment-templates">
            {t('返回指标体系列表', 'Back to the templates')}
          </Link>
        }
      />
    );
  }
  if (!template) return view.error ? <ErrorAlert error={view.error} onRetry={view.reload} /> : <Loading />;

  // The region and year a save is for: the template's own, or (built in, or a region above's) the ones it was listed for.
  const own = !template.builtIn && template.regionId !== null;
  const targetRegion = own && template.regionId ? template.regionId : scope.regionId;
  const targetYear = own && template.year !== null ? template.year : scope.year;
  const ofThisRegion = own && template.regionId === scope.regionId;
  const latest = template.versions[0]?.id ?? template.id;
  const mayEdit = scope.mayEdit(targetRegion) && (!own || !ofThisRegion || latest === template.id);
  const newVersion = ofThisRegion && template.used;
  const justSaved = params.get('saved');

  const startEditing = () => {
    setDraft({ name: template.name, criteria: template.criteria.map((c) => structuredClone(c)), changed: false });
    setRefused(null);
    setSaveError(null);
  };

  const save = async (): Promise<boolean> => {
    if (!draft || problems.length > 0) return false;
    setSaving(true);
    setSaveError(null);
    const sent = draft.criteria;
    try {
      const saved = await api<AssessmentTemplateView>('PUT', '/api/v1/assessment-templates', {
        key: template.key,
        regionId: targetRegion,
        year: targetYear,
        name: draft.name.trim(),
        purpose: template.purpose,
        criteria: sent,
        ...(ofThisRegion ? {} : { basedOn: template.id }),
      });
      setDraft(null);
      setRefused(null);
      if (saved.id === template.id) view.reload();
      setSavedTo({ id: saved.id, version: saved.version });
      return true;
    } catch (caught) {
      setSaveError(caught);
      if (caught instanceof ApiError && caught.status === 400) {
        // The fields are in English; the core words the same problems in both languages where it finds them too.
        const mine = templateProblems(sent, template.purpose);
        setRefused({ criteria: sent, problems: caught.fields.map((f) => ({ path: f.field, message: mine.find((p) => f.field.endsWith(p.path))?.message ?? { zh: f.message, en: f.message } })) });
      }
      return false;
    } finally {
      setSaving(false);
    }
  };

  const discard = () => {
    setDraft(null);
    setRefused(null);
    setSaveError(null);
  };
  const general = problems.filter((p) => !/criteria\.\d+/.test(p.path));
  return (
    <div className="page" data-testid="template-page">
      <div className="page-title">
        <h1 data-testid="template-name">{template.name}</h1>
        <Link className="btn" to={`/assessment-templates${query({ year: scope.year, regionId: scope.regionId || undefined })}`}>
          {t('返回指标体系列表', 'Back to the templates')}
        </Link>
      </div>
      <p>
        <Tag>{pick(PURPOSE_SHORT[template.purpose])}</Tag>
        <Tag data-testid="template-source">{pick(templateSource(template, scope.regionId, scope.regionName))}</Tag>
        {own && template.year !== null && <Tag>{t(`${template.year} 年度`, String(template.year))}</Tag>}
        <Tag data-testid="template-version">{t(`第 ${template.version} 版`, `Version ${template.version}`)}</Tag>
        <Tag color={template.used ? 'blue' : 'default'}>{template.used ? t('已被评估评价使用', 'Used by an assessment') : t('尚未使用', 'Not used yet')}</Tag>
        {/* While editing, the tag tells of what is on screen, not of the version saved. */}
        {draft ? (
          problems.length === 0 ? (
            <Tag color="green" data-testid="template-check">{t('修改稿无误', 'The edits add up')}</Tag>
          ) : (
            <Tag color="red" data-testid="template-check">{t(`修改稿 ${problems.length} 处有误`, `${problems.length} problem${problems.length === 1 ? '' : 's'} in the edits`)}</Tag>
          )
        ) : template.problems.length === 0 ? (
          <Tag color="green" data-testid="template-check">{t('分值合计无误', 'Weights add up')}</Tag>
        ) : (
          <Tag color="red" data-testid="template-check">{t(`分值 ${template.problems.length} 处有误`, `${template.problems.length} weight problems`)}</Tag>
        )}
      </p>
      {template.source && <Typography.Paragraph type="secondary">{t(`依据：${template.source}`, `Source: ${template.source}`)}</Typography.Paragraph>}
      {justSaved && !draft && (
        <p className="chip green" role="status" data-testid="template-saved">
          {t(`已保存为第 ${justSaved} 版`, `Saved as version ${justSaved}`)}
        </p>
      )}
      {template.versions.length > 0 && (
        <nav aria-label={t('版本', 'Versions')} className="template-versions" data-testid="template-versions">
          <span className="secondary">{t('版本：', 'Versions: ')}</span>
          {template.versions.map((v) =>
            v.id === template.id ? (
              <strong key={v.id} aria-current="page">
                {t(`第 ${v.version} 版`, `v${v.version}`)}
              </strong>
            ) : (
              <Link key={v.id} to={templatePath(v.id, scope.year, scope.regionId)} title={time(v.updatedAt)}>
                {t(`第 ${v.version} 版`, `v${v.version}`)}
              </Link>
            ),
          )}
          {latest !== template.id && <span className="secondary">{t('（这是旧版本，只能查看）', ' (an older version, read only)')}</span>}
        </nav>
      )}

      {!draft && (
        <>
          {mayEdit && (
            <p>
              <Button type="primary" onClick={startEditing} data-testid="edit-template">
                {ofThisRegion ? t('修改本区划版本', 'Edit the region’s version') : t(`制作${scope.regionName(targetRegion)} ${targetYear} 年度版本`, `Make ${scope.regionName(targetRegion)}’s version for ${targetYear}`)}
              </Button>
            </p>
          )}
          <TemplateTreeView criteria={template.criteria} problems={template.problems} />
        </>
      )}

      {draft && (
        <section aria-label={t('编辑指标体系', 'Editing the template')}>
          <p className="secondary" data-testid="edit-note">
            {ofThisRegion
              ? newVersion
                ? t(`此版本已被评估评价使用：保存将生成第 ${template.version + 1} 版，已开展的评估评价不受影响。`, `This version was used by an assessment: saving makes version ${template.version + 1}; assessments already opened keep theirs.`)
                : t('此版本尚未使用：保存将直接修改它。', 'This version is not used yet: saving changes it in place.')
              : t(`保存后成为${scope.regionName(targetRegion)} ${targetYear} 年度的版本，在本区划及下级区划取代现行模板；已开展的评估评价不受影响。`, `Saved, it becomes ${scope.regionName(targetRegion)}’s version for ${targetYear}, in force there and below; assessments already opened keep theirs.`)}
          </p>
          <label className="template-title-field">
            <span>{t('模板名称', 'Template name')}</span>
            <Input value={draft.name} maxLength={200} status={draft.name.trim() === '' ? 'error' : undefined} onChange={(e) => setDraft({ ...draft, name: e.target.value, changed: true })} />
          </label>
          <TemplateEditor criteria={draft.criteria} problems={problems} refused={refused} onChange={(criteria) => setDraft({ ...draft, criteria, changed: true })} />
          <ErrorAlert error={saveError} detail={refused ? t('有误之处已标在相应指标旁。', 'Each problem is marked beside its criterion.') : undefined} />
          <div className="template-save-bar">
            {general.length > 0 && (
              <div className="template-error template-general" role="alert" data-testid="template-problems">
                {general.map((p) => (
                  <div key={p.path + p.message.en}>{pick(p.message)}</div>
                ))}
              </div>
            )}
            <Button type="primary" loading={saving} disabled={problems.length > 0 || draft.name.trim() === ''} aria-describedby="template-save-reason" onClick={() => void save()} data-testid="save-template">
              {newVersion ? t('保存为新版本', 'Save as a new version') : t('保存', 'Save')}
            </Button>
            {/* Nothing changed: nothing to lose, nothing to ask. The cancel button takes the focus, so a second Enter keeps the edits. */}
            <Popconfirm title={t('放弃未保存的修改？', 'Discard the unsaved changes?')} okText={t('放弃修改', 'Discard')} okButtonProps={{ danger: true }} cancelText={t('继续编辑', 'Keep editing')} cancelButtonProps={{ autoFocus: true }} disabled={!unsaved} onConfirm={discard}>
              <Button onClick={unsaved ? undefined : discard} data-testid="discard-template">
                {t('放弃修改', 'Discard changes')}
              </Button>
            </Popconfirm>
            <span id="template-save-reason" className={problems.length > 0 ? 'template-error' : 'secondary'} data-testid="save-reason">
              {problems.length > 0
                ? t(`还有 ${problems.length} 处有误，改正后才能保存`, `${problems.length} problem${problems.length === 1 ? '' : 's'} to put right before saving`)
                : draft.name.trim() === ''
                  ? t('请填写模板名称', 'Give the template a name')
                  : unsaved
                    ? t('分值合计无误，可以保存', 'The weights add up: ready to save')
                    : t('尚未修改', 'Nothing changed yet')}
            </span>
          </div>
        </section>
      )}
      <LeavePrompt blocker={blocker} invalid={problems.length > 0} onSave={save} keptInBrowser={false} />
    </div>
  );
}
