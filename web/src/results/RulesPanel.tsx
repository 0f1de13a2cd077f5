/**
 * The rules from results to money in force for a region's budget year, with their version and the
 * region's earlier versions; the region's admin edits the effect of each grade and result and saves
 * a new version (the server checks again; percentages of at most two places, a cut at most 100%).
 */
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Checkbox from 'antd/es/checkbox';
import Input from 'antd/es/input';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import { useState } from 'react';
import { EVALUATION_GRADES, type EvaluationGrade } from '../../../src/core/selfEvaluation.ts';
import { effectText, type Effect, type EffectType, type GradeEffects, type ResultRules } from '../../../src/core/results/rules.ts';
import { api, query } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLocale } from '../i18n/locale.tsx';
import type { RulesVersion } from './types.ts';

const EFFECT_TYPES: readonly EffectType[] = ['keep', 'raise', 'cut', 'suspend', 'cancel'];
const EFFECT_NAMES: Record<EffectType, { zh: string; en: string }> = {
  keep: { zh: '据实保障', en: 'keep' },
  raise: { zh: '增加', en: 'raise' },
  cut: { zh: '核减', en: 'cut' },
  suspend: { zh: '暂缓安排', en: 'suspend' },
  cancel: { zh: '取消安排', en: 'cancel' },
};
const PERCENT = /^\d{1,4}(\.\d{1,2})?$/;

/** An effect while it is edited: the percentage stays the text typed. */
interface Draft {
  type: EffectType;
  percent: string;
}

const draftOf = (e: Effect): Draft => ({ type: e.type, percent: e.type === 'raise' || e.type === 'cut' ? e.percent : '' });

/** Why a draft effect is refused, or null. */
export function effectProblem(d: Draft): { zh: string; en: string } | null {
  if (d.type !== 'raise' && d.type !== 'cut') return null;
  const p = d.percent.trim();
  if (!PERCENT.test(p)) return { zh: '百分比须为数字，最多两位小数，如 10 或 2.5', en: 'a percentage of at most two places, such as 10 or 2.5' };
  if (d.type === 'cut' && Number(p) > 100) return { zh: '核减最多 100%', en: 'a cut is at most 100%' };
  if (d.type === 'raise' && Number(p) > 1000) return { zh: '增加最多 1000%', en: 'a raise is at most 1000%' };
  return null;
}

const effectOf = (d: Draft): Effect => (d.type === 'raise' || d.type === 'cut' ? { type: d.type, percent: d.percent.trim() } : { type: d.type });

interface RulesDraft {
  grades: Record<EvaluationGrade, Draft>;
  keyEvaluation: Record<EvaluationGrade, Draft> | null;
  reject: Draft;
  applyCut: boolean;
  redLight: Draft;
}

const gradesDraft = (g: GradeEffects) => Object.fromEntries(EVALUATION_GRADES.map((k) => [k, draftOf(g[k])])) as Record<EvaluationGrade, Draft>;
const draftOfRules = (r: ResultRules): RulesDraft => ({ grades: gradesDraft(r.grades), keyEvaluation: r.keyEvaluation ? gradesDraft(r.keyEvaluation) : null, reject: draftOf(r.exAnte.reject), applyCut: r.exAnte.applyCut, redLight: draftOf(r.redLight) });
const rulesOf = (d: RulesDraft): ResultRules => {
  const grades = (g: Record<EvaluationGrade, Draft>) => Object.fromEntries(EVALUATION_GRADES.map((k) => [k, effectOf(g[k])])) as unknown as GradeEffects;
  return { grades: grades(d.grades), keyEvaluation: d.keyEvaluation ? grades(d.keyEvaluation) : null, exAnte: { reject: effectOf(d.reject), applyCut: d.applyCut }, redLight: effectOf(d.redLight) };
};

function EffectEditor({ label, value, onChange, testId }: { label: string; value: Draft; onChange: (d: Draft) => void; testId: string }) {
  const { t, pick } = useLocale();
  const problem = effectProblem(value);
  const percent = value.type === 'raise' || value.type === 'cut';
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 12, margin: '6px 0' }} data-testid={testId}>
      <span style={{ width: 140 }}>{label}</span>
      <Space wrap>
        <Select<EffectType> aria-label={t(`${label}：处理`, `${label}: effect`)} style={{ width: 130 }} value={value.type} onChange={(type) => onChange({ type, percent: value.percent || (type === 'cut' ? '10' : type === 'raise' ? '5' : '') })} options={EFFECT_TYPES.map((e) => ({ value: e, label: pick(EFFECT_NAMES[e]) }))} />
        {percent && <Input aria-label={t(`${label}：百分比`, `${label}: percent`)} style={{ width: 110 }} suffix="%" value={value.percent} status={problem ? 'error' : undefined} onChange={(e) => onChange({ ...value, percent: e.target.value })} data-testid={`${testId}-percent`} />}
        {problem && (
          <span className="field-error" role="alert">
            {pick(problem)}
          </span>
        )}
      </Space>
    </div>
  );
}

function RulesSummary({ rules }: { rules: ResultRules }) {
  const { t, pick } = useLocale();
  const grades = (g: GradeEffects) => EVALUATION_GRADES.map((k) => `${k}：${pick(effectText(g[k]))}`).join(t('；', '; '));
  return (
    <ul style={{ paddingInlineStart: 20 }} data-testid="rules-summary">
      <li>{t('评价等级（抽评替代自评）', 'Grade (a sampling review replaces the self-evaluation)')}：{grades(rules.grades)}</li>
      <li>{t('重点评价等级', 'Key evaluation grade')}：{rules.keyEvaluation ? grades(rules.keyEvaluation) : t('同评价等级', 'as the grades')}</li>
      <li>
        {t('事前评估不予支持', 'Ex-ante: not supported')}：{pick(effectText(rules.exAnte.reject))}；{rules.exAnte.applyCut ? t('事前评估核减金额从建议中扣除', 'an ex-ante cut is taken off') : t('不扣除事前评估核减', 'an ex-ante cut is not taken off')}
      </li>
      <li>{t('监控红灯未整改', 'Red light unrectified')}：{pick(effectText(rules.redLight))}</li>
    </ul>
  );
}

/** The rules view, and for the region's admin the editor. */
export function RulesPanel({ year, regionId, departmentId, canEdit, onSaved }: { year: number; regionId: string | undefined; departmentId: string | undefined; canEdit: boolean; onSaved: () => void }) {
  const { t, pick, time } = useLocale();
  const key = `/api/v1/results/rules${query({ year, regionId, departmentId })}`;
  const rules = useResource(key, () => api<{ inForce: RulesVersion; history: RulesVersion[] }>('GET', key));
  const [draft, setDraft] = useState<RulesDraft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  const inForce = rules.data?.inForce;

  const problems = draft ? [...EVALUATION_GRADES.map((k) => draft.grades[k]), ...(draft.keyEvaluation ? EVALUATION_GRADES.map((k) => draft.keyEvaluation?.[k] as Draft) : []), draft.reject, draft.redLight].filter((d) => effectProblem(d) !== null).length : 0;
  const save = async () => {
    if (!draft || !inForce || problems > 0) return;
    setBusy(true);
    setError(null);
    try {
      const version = await api<RulesVersion>('PUT', '/api/v1/results/rules', { regionId: inForce.regionId, year, rules: rulesOf(draft) });
      setSaved(version.version);
      setDraft(null);
      rules.reload();
      onSaved();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const grade = (which: 'grades' | 'keyEvaluation', k: EvaluationGrade, label: string) => {
    const g = draft?.[which];
    if (!draft || !g) return null;
    return <EffectEditor key={`${which}-${k}`} label={label} value={g[k]} testId={`rule-${which}-${k}`} onChange={(d) => setDraft({ ...draft, [which]: { ...g, [k]: d } })} />;
  };

  return (
    <section data-testid="rules-panel">
      <ErrorAlert error={rules.error} onRetry={rules.reload} />
      {inForce && (
        <>
          <p data-testid="rules-in-force">
            {t(`${year} 年度适用规则：`, `Rules in force for ${year}: `)}
            <Tag color="blue" data-testid="rules-version">
              {inForce.version === null ? t('默认规则', 'the defaults') : `v${inForce.version}`}
            </Tag>
            {!inForce.own && inForce.version !== null && <span className="secondary">{t('（沿用上级区划的规则）', '(a region above’s)')}</span>}
            {inForce.createdAt && <span className="secondary">{t(`保存于 ${time(inForce.createdAt)}`, `saved ${time(inForce.createdAt)}`)}</span>}
          </p>
          {saved !== null && <Alert type="success" showIcon role="status" style={{ marginBottom: 12 }} message={t(`已保存为第 ${saved} 版规则，建议已按新规则重新测算`, `Saved as version ${saved}; the proposals are recomputed with it`)} data-testid="rules-saved" />}
          {!draft && <RulesSummary rules={inForce.rules} />}
          {canEdit && !draft && (
            <Button onClick={() => { setSaved(null); setDraft(draftOfRules(inForce.rules)); }} data-testid="edit-rules">
              {t('修改规则（保存为新版本）', 'Edit the rules (saved as a new version)')}
            </Button>
          )}
          {draft && (
            <div style={{ maxWidth: 720 }} data-testid="rules-editor">
              <h3>{t('评价等级（自评，抽评等级替代自评等级）', 'Grade (self-evaluation; a sampling review’s grade replaces it)')}</h3>
              {EVALUATION_GRADES.map((k) => grade('grades', k, t(`等级“${k}”`, `Grade ${k}`)))}
              <h3>{t('重点评价等级', 'Key evaluation grade')}</h3>
              <Checkbox checked={draft.keyEvaluation === null} onChange={(e) => setDraft({ ...draft, keyEvaluation: e.target.checked ? null : { ...draft.grades } })} data-testid="key-as-grades">
                {t('与评价等级相同', 'As the grades')}
              </Checkbox>
              {draft.keyEvaluation && EVALUATION_GRADES.map((k) => grade('keyEvaluation', k, t(`重点评价“${k}”`, `Key evaluation ${k}`)))}
              <h3>{t('事前评估与运行监控', 'Ex-ante assessment and monitoring')}</h3>
              <EffectEditor label={t('事前评估不予支持', 'Ex-ante: not supported')} value={draft.reject} testId="rule-exAnte-reject" onChange={(d) => setDraft({ ...draft, reject: d })} />
              <Checkbox checked={draft.applyCut} onChange={(e) => setDraft({ ...draft, applyCut: e.target.checked })} data-testid="apply-cut">
                {t('扣除事前评估核减金额', 'Take an ex-ante cut off')}
              </Checkbox>
              <EffectEditor label={t('监控红灯未整改', 'Red light unrectified')} value={draft.redLight} testId="rule-redLight" onChange={(d) => setDraft({ ...draft, redLight: d })} />
              <ErrorAlert error={error} />
              <Space style={{ marginTop: 12 }}>
                <Button type="primary" loading={busy} disabled={problems > 0} onClick={() => void save()} data-testid="save-rules">
                  {t('保存为新版本', 'Save as a new version')}
                </Button>
                <Button onClick={() => { setDraft(null); setError(null); }}>{t('取消', 'Cancel')}</Button>
                {problems > 0 && <span className="field-error">{t(`有 ${problems} 处须改正`, `${problems} to correct`)}</span>}
              </Space>
            </div>
          )}
          <h3 style={{ marginTop: 16 }}>{t('本区划规则版本', 'This region’s versions')}</h3>
          <Table<RulesVersion>
            size="small"
            rowKey={(v) => String(v.version)}
            data-testid="rules-history"
            pagination={false}
            dataSource={rules.data?.history ?? []}
            locale={{ emptyText: t('本区划尚未保存规则，适用默认规则', 'No rules saved here: the defaults apply') }}
            columns={[
              { title: t('版本', 'Version'), width: 70, render: (_, v) => `v${v.version ?? ''}` },
              { title: t('保存时间', 'Saved'), width: 170, render: (_, v) => (v.createdAt ? time(v.createdAt) : '—') },
              { title: t('规则', 'Rules'), render: (_, v) => EVALUATION_GRADES.map((k) => `${k} ${pick(effectText(v.rules.grades[k]))}`).join(' · ') + (v.rules.keyEvaluation ? t('；重点评价单列', '; key evaluations apart') : '') },
            ]}
          />
        </>
      )}
    </section>
  );
}
