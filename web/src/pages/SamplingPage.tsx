/**
 * 抽评: the bureau draws a year's accepted self-evaluations stratified by their grade — how many of
 * each grade — from a seed that is shown and stored, so anyone can draw the same list again. A draw is
 * previewed first; once made, each drawn self-evaluation becomes a sampling review, and the list
 * exports to Excel with its seed.
 */
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Input from 'antd/es/input';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import { useState } from 'react';
import { Link } from 'react-router';
import { SAMPLE_GRADES } from '../../../src/core/assessment/sampling.ts';
import { api, query } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { GRADE_COLORS } from '../assessment/names.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useUrlFilters } from '../components/useUrlFilters.ts';
import { useLocale } from '../i18n/locale.tsx';

interface Drawn {
  id: string;
  grade: string;
  assessment?: string;
  department?: string;
  name?: string;
  selfScore?: string | null;
}
interface Draw {
  id?: string;
  seed: string;
  candidates: number;
  drawn: Drawn[];
  shortfalls: Array<{ grade: string; asked: number; available: number }>;
  reproduced?: boolean;
  year?: number;
  createdAt?: string;
}
interface SampleLine {
  id: string;
  year: number;
  seed: string;
  drawn: number;
  createdAt: string;
}

const COUNT = /^\d{1,4}$/;

export default function SamplingPage() {
  const { t, time } = useLocale();
  const [filters, setFilters] = useUrlFilters();
  const thisYear = new Date().getFullYear();
  const year = Number(filters.get('year')) || thisYear - 1;
  const [counts, setCounts] = useState<Record<string, string>>({ 优: '2', 良: '2', 中: '1', 差: '1' });
  const [seed, setSeed] = useState('');
  const [preview, setPreview] = useState<Draw | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const samples = useResource(`samples:${year}`, () => api<{ samples: SampleLine[] }>('GET', `/api/v1/assessments/samples${query({ year })}`));
  const openId = filters.get('draw');
  const opened = useResource(openId ? `sample:${openId}` : null, () => api<Draw>('GET', `/api/v1/assessments/samples/${openId ?? ''}`));

  const problems = SAMPLE_GRADES.filter((g) => !COUNT.test((counts[g] ?? '').trim()));
  const body = () => ({ year, counts: Object.fromEntries(SAMPLE_GRADES.map((g) => [g, Number((counts[g] ?? '0').trim())])), ...(seed.trim() ? { seed: seed.trim() } : {}) });
  const run = async (kind: 'preview' | 'draw') => {
    if (problems.length > 0) return;
    setBusy(true);
    setError(null);
    try {
      if (kind === 'preview') {
        const answer = await api<Draw>('POST', '/api/v1/assessments/samples/preview', body());
        setPreview(answer);
        // The seed shown is kept: drawing now gives what was previewed.
        setSeed(answer.seed);
      } else {
        const answer = await api<Draw>('POST', '/api/v1/assessments/samples', body());
        setPreview(null);
        setSeed('');
        samples.reload();
        if (answer.id) setFilters({ draw: answer.id });
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const shown = opened.data ?? preview;
  return (
    <div className="page" data-testid="sampling-page">
      <div className="page-title">
        <h1>{t('绩效自评抽评', 'Sampling reviews (抽评)')}</h1>
        <Link className="btn" to="/assessments?purpose=sampling-review">
          {t('查看抽评评价', 'The sampling reviews')}
        </Link>
      </div>
      <p className="secondary">
        {t(
          '从本年度已审核的绩效自评中按自评等级分层随机抽取；随机种子随抽取保存并记录，用同一种子可重现同一名单。每个抽中的自评生成一项抽评（自评质量 40%、指标复核 60%）。',
          'A year’s accepted self-evaluations drawn at random within each of their grades; the seed is stored and audited, and the same seed draws the same list. Each drawn self-evaluation becomes a sampling review (quality 40%, re-score 60%).',
        )}
      </p>
      <Space wrap align="end" style={{ marginBottom: 12 }} data-testid="sample-form">
        <label>
          <div className="field-label">{t('年度', 'Year')}</div>
          <Select<number> aria-label={t('年度', 'Year')} value={year} style={{ width: 120 }} onChange={(v) => { setPreview(null); setFilters({ year: v === thisYear - 1 ? undefined : v, draw: undefined }); }} options={Array.from({ length: 6 }, (_, k) => thisYear - k).map((y) => ({ value: y, label: String(y) }))} />
        </label>
        {SAMPLE_GRADES.map((g) => (
          <label key={g}>
            <div className="field-label">{t(`「${g}」抽取数`, `${g}: how many`)}</div>
            <Input aria-label={t(`「${g}」抽取数`, `How many graded ${g}`)} style={{ width: 90 }} inputMode="numeric" value={counts[g]} status={problems.includes(g) ? 'error' : undefined} onChange={(e) => setCounts({ ...counts, [g]: e.target.value })} data-testid={`count-${g}`} />
          </label>
        ))}
        <label>
          <div className="field-label">{t('随机种子（可不填）', 'Seed (optional)')}</div>
          <Input aria-label={t('随机种子', 'Seed')} style={{ width: 300 }} value={seed} maxLength={200} onChange={(e) => setSeed(e.target.value)} placeholder={t('不填则随机生成', 'made at random when empty')} data-testid="seed" />
        </label>
        <Button onClick={() => void run('preview')} loading={busy} disabled={problems.length > 0} data-testid="preview-sample">
          {t('预览', 'Preview')}
        </Button>
        <Button type="primary" onClick={() => void run('draw')} loading={busy} disabled={problems.length > 0} data-testid="draw-sample">
          {t('抽取并生成抽评', 'Draw and open the reviews')}
        </Button>
      </Space>
      {problems.length > 0 && (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} message={<>
          {t(`抽取数须为 0–9999 的整数：${problems.join('、')}`, `Each count must be a whole number 0–9999: ${problems.join(', ')}`)}
        </>} />
      )}
      <ErrorAlert error={error ?? opened.error} />
      {shown && (
        <section data-testid="sample-result" style={{ marginBottom: 24 }}>
          <h2 style={{ fontSize: 16 }}>
            {opened.data ? t(`${opened.data.year ?? year} 年度抽评名单`, `The ${opened.data.year ?? year} draw`) : t('预览（尚未保存）', 'Preview (not stored)')}
          </h2>
          <p>
            {t('随机种子：', 'Seed: ')}<code data-testid="sample-seed">{shown.seed}</code> · {t(`候选 ${shown.candidates} 份，抽中 ${shown.drawn.length} 份`, `${shown.candidates} candidates, ${shown.drawn.length} drawn`)}
            {opened.data?.reproduced !== undefined && (opened.data.reproduced ? <Tag color="green" style={{ marginInlineStart: 8 }}>{t('已用种子复核：名单一致', 'Drawn again from the seed: the same list')}</Tag> : <Tag color="red">{t('用种子重抽结果不一致', 'Drawing again gives another list')}</Tag>)}
          </p>
          <p className="secondary">
            {SAMPLE_GRADES.map((g) => t(`${g} ${shown.drawn.filter((d) => d.grade === g).length} 份`, `${g}: ${shown.drawn.filter((d) => d.grade === g).length}`)).join(' · ')}
          </p>
          {shown.shortfalls.length > 0 && (
            <Alert type="warning" showIcon role="status" style={{ marginBottom: 12 }} message={<>
              {shown.shortfalls.map((s) => t(`「${s.grade}」要求 ${s.asked} 份，只有 ${s.available} 份`, `${s.grade}: ${s.asked} asked, only ${s.available} there`)).join(t('；', '; '))}
            </>} />
          )}
          {opened.data?.id && (
            <a className="btn" href={`/api/v1/assessments/samples/${opened.data.id}.xlsx`} download data-testid="export-sample">
              {t('导出名单（Excel）', 'Export the list (Excel)')}
            </a>
          )}
          <Table<Drawn>
            size="small"
            rowKey="id"
            style={{ marginTop: 8 }}
            pagination={false}
            dataSource={shown.drawn}
            locale={{ emptyText: t('没有可抽取的自评', 'Nothing to draw from') }}
            columns={[
              { title: '#', width: 50, render: (_, _d, i) => i + 1 },
              { title: t('自评等级', 'Self grade'), width: 90, render: (_, d) => <Tag color={GRADE_COLORS[d.grade]}>{d.grade}</Tag> },
              { title: t('部门', 'Department'), render: (_, d) => d.department ?? '—' },
              { title: t('项目', 'Project'), render: (_, d) => d.name ?? d.id },
              { title: t('自评分', 'Self-score'), width: 90, render: (_, d) => d.selfScore ?? '—' },
              { title: t('抽评', 'Review'), width: 90, render: (_, d) => (d.assessment ? <Link to={`/assessments/${d.assessment}`}>{t('打开', 'Open')}</Link> : '—') },
            ]}
          />
        </section>
      )}
      <h2 style={{ fontSize: 16 }}>{t(`${year} 年度已抽取`, `Draws of ${year}`)}</h2>
      <ErrorAlert error={samples.error} onRetry={samples.reload} />
      <Table<SampleLine>
        size="small"
        rowKey="id"
        loading={samples.loading}
        dataSource={samples.data?.samples ?? []}
        pagination={false}
        locale={{ emptyText: t('本年度尚未抽取', 'No draw this year yet') }}
        columns={[
          { title: t('抽取时间', 'Drawn'), render: (_, s) => time(s.createdAt) },
          { title: t('随机种子', 'Seed'), render: (_, s) => <code>{s.seed}</code> },
          { title: t('抽中', 'Drawn'), render: (_, s) => s.drawn },
          { title: '', render: (_, s) => <Button size="small" onClick={() => setFilters({ draw: s.id })}>{t('查看', 'View')}</Button> },
        ]}
      />
    </div>
  );
}
