/**
 * The panel's view (the bureau's, or anyone's once the scores are released): per criterion every
 * scorer's score, the aggregate, the spread (max − min), and a scorer far from the others flagged;
 * below, each scorer's total and how far it lies from the panel's.
 */
import Alert from 'antd/es/alert';
import type { Assessment, AssessmentResult } from '../../../src/core/assessment/assessment.ts';
import { useLocale } from '../i18n/locale.tsx';
import { ROLE_NAMES } from './names.ts';
import type { SheetRow } from './sheet.ts';

const METHOD_NAMES = { mean: { zh: '算术平均', en: 'mean' }, 'trimmed-mean': { zh: '去掉最高最低分后平均', en: 'trimmed mean' }, 'weighted-mean': { zh: '加权平均', en: 'weighted mean' } } as const;

export function PanelView({ rows, content, result }: { rows: readonly SheetRow[]; content: Assessment; result: AssessmentResult | null }) {
  const { t, pick } = useLocale();
  if (!result) return <p className="secondary">{t('尚未计算。', 'Not computed yet.')}</p>;
  const scorers = content.scorers.filter((s) => s.role !== 'self');
  const byId = new Map(result.criteria.map((c) => [c.id, c]));
  const flagged = result.scorers.filter((s) => s.flagged);
  const outlierCount = result.criteria.reduce((n, c) => n + c.outliers.length, 0);
  const method = content.aggregation.method;
  return (
    <div data-testid="panel-view">
      <p className="secondary">
        {t(`汇总方法：${METHOD_NAMES[method].zh}${method === 'trimmed-mean' ? `（各去掉 ${content.aggregation.drop} 个）` : ''}。`, `Aggregated by ${METHOD_NAMES[method].en}${method === 'trimmed-mean' ? ` (dropping ${content.aggregation.drop} each side)` : ''}. `)}
        {outlierCount > 0
          ? t(`有 ${outlierCount} 处评分明显偏离专家组中位数（红色标出）。`, `${outlierCount} scores lie far from the panel’s median (in red).`)
          : t('没有明显偏离的评分。', 'No score lies far from the others.')}
      </p>
      {flagged.length > 0 && (
        <Alert type="warning" showIcon role="status" data-testid="flagged-scorers" style={{ marginBottom: 12 }} message={<>
          {t('总分偏离专家组较大的评分人：', 'Scorers whose total lies far from the panel’s: ')}
          {flagged.map((s) => `${s.name}（${s.deviation ?? ''}）`).join(t('、', ', '))}
        </>} />
      )}
      <div className="editor-table-scroll">
        <table className="editor-table assessment-sheet" data-testid="panel-table">
          <caption className="visually-hidden">{t('专家组评分汇总', 'The panel’s scores')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('指标', 'Criterion')}</th>
              <th scope="col" className="num">{t('分值', 'Points')}</th>
              {result.criteria.some((c) => c.self !== null) && <th scope="col" className="num">{t('自评分', 'Self')}</th>}
              {scorers.map((s) => (
                <th key={s.id} scope="col" className="num" title={pick(ROLE_NAMES[s.role])}>
                  {s.name}
                </th>
              ))}
              <th scope="col" className="num">{t('汇总', 'Aggregate')}</th>
              <th scope="col" className="num">{t('极差', 'Spread')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ criterion: c, level, leaf }) => {
              const r = byId.get(c.id);
              return (
                <tr key={c.id} className={leaf ? undefined : `level-${level}`} data-testid={`panel-row-${c.id}`}>
                  <th scope="row" style={{ paddingInlineStart: 8 + (level - 1) * 16, fontWeight: leaf ? 'normal' : 600 }}>
                    {c.id} {c.name}
                  </th>
                  <td className="num">{c.weight}</td>
                  {result.criteria.some((x) => x.self !== null) && <td className="num">{r?.self ?? ''}</td>}
                  {scorers.map((s) => {
                    const score = leaf ? r?.scores.find((x) => x.scorer === s.id)?.score : result.scorers.find((x) => x.id === s.id)?.levels.find((l) => l.id === c.id)?.score;
                    const far = r?.outliers.includes(s.id) ?? false;
                    return (
                      <td key={s.id} className={`num${far ? ' outlier' : ''}`} data-outlier={far || undefined} title={far ? t('明显偏离其他评分人', 'far from the other scorers') : undefined}>
                        {score ?? (leaf && r?.source !== 'data' ? '—' : '')}
                        {far ? ' ⚑' : ''}
                      </td>
                    );
                  })}
                  <td className="num" data-testid={`aggregate-${c.id}`}>
                    <strong>{r?.score ?? '—'}</strong>
                  </td>
                  <td className="num">{r?.spread ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('合计', 'Total')}</th>
              <td className="num">{content.purpose === 'sampling-review' ? '' : '100'}</td>
              {result.criteria.some((x) => x.self !== null) && <td />}
              {scorers.map((s) => {
                const own = result.scorers.find((x) => x.id === s.id);
                return (
                  <td key={s.id} className={`num${own?.flagged ? ' outlier' : ''}`}>
                    {own?.total ?? '—'}
                    {own?.deviation ? <div className="secondary">{t(`偏离 ${own.deviation}`, `off by ${own.deviation}`)}</div> : null}
                  </td>
                );
              })}
              <td className="num" data-testid="panel-total">
                {result.total ?? '—'} {result.grade ?? ''}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
