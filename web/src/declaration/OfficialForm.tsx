/**
 * The declaration laid out as the official 部门整体预算绩效目标申报表: the same sections and columns
 * as the published form, printable on A4 landscape. When `onPick` is given every field and row is a
 * button that names its JSON Pointer — how reviewers anchor comments.
 */
import Badge from 'antd/es/badge';
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { DepartmentTargetDeclaration } from '../../../src/core/declaration.ts';
import { useLocale } from '../i18n/locale.tsx';
import { showAmount } from './display.ts';
import { yearLine } from './yearLine.ts';
import { indicatorRows, spans, type IndicatorRow } from './indicatorRows.ts';
import { pageBreaks } from './printPages.ts';
import { className } from './vocabulary.ts';
import { CarriedOverMark } from '../editor/CarriedOverMark.tsx';

export interface OfficialFormProps {
  readonly content: DepartmentTargetDeclaration;
  /** Number of comments per JSON Pointer, to mark the fields and rows they concern. */
  readonly commentCounts?: ReadonlyMap<string, number>;
  /** Called with the pointer and a label of the field or row the user picked. */
  readonly onPick?: (path: string, label: string) => void;
}

/** The six columns both tables of the form share, so that their borders line up. */
function FormColumns() {
  return (
    <colgroup>
      {['12%', '13%', '12%', '23%', '20%', '20%'].map((width, i) => (
        <col key={i} style={{ width }} />
      ))}
    </colgroup>
  );
}

export function OfficialForm({ content, commentCounts, onPick }: OfficialFormProps) {
  const { t } = useLocale();
  const b = content.budget;
  const count = (path: string) => commentCounts?.get(path) ?? 0;
  const cls = (path: string, extra = '') => [extra, live && count(path) > 0 ? 'has-comment' : ''].filter(Boolean).join(' ') || undefined;

  // Copies of the form (the printed pages, the unseen one measured) show the same text but are not
  // the fields: no pointer, no button, so that the page has each field once.
  let live = true;

  /** A field's content; a button when fields can be picked. */
  const field = (path: string, label: string, children: ReactNode): ReactNode => {
    const n = count(path);
    const inner = n > 0 ? <Badge count={n} size="small" offset={[8, -4]} color="orange">{children}</Badge> : children;
    if (!onPick || !live) return inner;
    return (
      <button type="button" className="anchor-button" data-path={path} aria-label={`${t('批注', 'Comment on')}: ${label}`} onClick={() => onPick(path, label)}>
        {inner}
      </button>
    );
  };

  const rows = indicatorRows(content);
  const outcomes = content.projects.filter((p) => p.expectedOutcome.trim() !== '');
  const measureRef = useRef<HTMLDivElement>(null);
  const [printPages, setPrintPages] = useState<{ pages: number[][]; sharesFirstPage: boolean }>(() => ({ pages: [rows.map((_, i) => i)], sharesFirstPage: true }));
  // Where the printed pages break, measured once the form is laid out (and again when it changes).
  useLayoutEffect(() => {
    const box = measureRef.current;
    if (!box) return;
    const [first, indicators] = [...box.querySelectorAll<HTMLTableElement>(':scope > table')];
    if (!first || !indicators) return;
    const header = indicators.tHead?.getBoundingClientRect().height ?? 0;
    const heights = [...(indicators.tBodies[0]?.rows ?? [])].map((tr) => tr.getBoundingClientRect().height);
    const next = pageBreaks({ before: first.getBoundingClientRect().height, header, rows: heights });
    setPrintPages((previous) => (JSON.stringify(previous) === JSON.stringify(next) ? previous : next));
  }, [content]);
  const runningHead = `${content.department ?? ''} · ${content.year ?? ''} ${t('年度部门整体预算绩效目标申报表', 'department-wide performance targets')}`;


  /** The indicator table for some of its rows, merged cells counted within them. */
  const indicatorTable = (subset: readonly IndicatorRow[], key: string) => {
    live = key === 'screen';
    const level1Spans = spans(subset.map((r) => r.level1));
    const level2Spans = spans(subset.map((r) => `${r.level1}\u0000${r.level2}`));
    return (
      <table className="official-form official-form-indicators">
          <FormColumns />
          <thead>
            <tr>
              <th colSpan={6}>{t('绩效指标', 'Performance indicators')}</th>
            </tr>
            <tr>
              <th>{t('一级指标', 'Level 1')}</th>
              <th>{t('二级指标', 'Level 2')}</th>
              <th colSpan={2}>{t('三级指标', 'Indicator')}</th>
              <th>{t('实施周期指标值', 'Period target')}</th>
              <th>{t('年度指标值', 'Annual target')}</th>
            </tr>
          </thead>
          <tbody data-testid={key === 'screen' ? 'indicator-table' : undefined}>
            {subset.map((row, r) => {
              const path = row.index === null ? null : `/indicators/${row.index}`;
              return (
                <tr key={path ?? `e${r}`} data-indicator={key === 'screen' ? (row.index ?? undefined) : undefined} className={path && live && count(path) > 0 ? 'has-comment' : undefined}>
                  {(level1Spans[r] ?? 0) > 0 && <td rowSpan={level1Spans[r]} className="center">{className(row.level1 || null, t)}</td>}
                  {(level2Spans[r] ?? 0) > 0 && <td rowSpan={level2Spans[r]} className="center">{className(row.level2 || null, t)}</td>}
                  {row.indicator && path ? (
                    <>
                      <td colSpan={2}>{field(path, `指标 ${row.indicator.name}`, row.indicator.name)}</td>
                      <td className={cls(`${path}/periodTarget`, 'center')}>{field(`${path}/periodTarget`, `${row.indicator.name} 实施周期指标值`, row.indicator.periodTarget)}</td>
                      <td className={cls(`${path}/annualTarget`, 'center')}>
                        {field(`${path}/annualTarget`, `${row.indicator.name} 年度指标值`, row.indicator.annualTarget)}
                        <CarriedOverMark row={row.indicator} />
                      </td>
                    </>
                  ) : (
                    <>
                      <td colSpan={2} />
                      <td />
                      <td />
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
    );
  };

  const firstTable = (copy: boolean) => {
    live = !copy;
    return (
      <table className="official-form">
      <caption>
        {/* The year, unless the printed title says it already (2025年部门整体…). */}
        {yearLine(content.title, content.year, t)}
        {content.title ?? '部门整体预算绩效目标申报表'}
      </caption>
      <FormColumns />
      <tbody>
        <tr>
          <th>{t('部门名称', 'Department')}</th>
          <td colSpan={3} className={cls('/department')}>
            {field('/department', '部门名称', content.department ?? '')}
          </td>
          <th>{t('单位', 'Unit')}</th>
          <td className="center">{t('万元', '10k yuan')}</td>
        </tr>
        <tr>
          <th rowSpan={3}>{t('部门预算支出', 'Budget spending')}</th>
          <th>{t('基本支出', 'Basic')}</th>
          <td className={cls('/budget/basic', 'money')}>{field('/budget/basic', '基本支出', showAmount(b.basic))}</td>
          <th rowSpan={3}>{t('收入来源', 'Income sources')}</th>
          <th>{t('财政拨款', 'Fiscal funds')}</th>
          <td className={cls('/budget/income/fiscal', 'money')}>{field('/budget/income/fiscal', '财政拨款', showAmount(b.income.fiscal))}</td>
        </tr>
        <tr>
          <th>{t('项目支出', 'Projects')}</th>
          <td className={cls('/budget/project', 'money')}>{field('/budget/project', '项目支出', showAmount(b.project))}</td>
          <th>{t('其他资金', 'Other funds')}</th>
          <td className={cls('/budget/income/other', 'money')}>{field('/budget/income/other', '其他资金', showAmount(b.income.other))}</td>
        </tr>
        <tr>
          <th>{t('合计', 'Total')}</th>
          <td className={cls('/budget/total', 'money')}>
            {field('/budget/total', '合计', showAmount(b.total))}
            {b.totalDerived ? <sup title={t('表中未印合计，由基本支出与项目支出相加', 'not printed; basic + project')}>*</sup> : null}
          </td>
          <td colSpan={2} />
        </tr>
        <tr>
          <th rowSpan={2}>{t('事业发展性支出', 'Developmental spending')}</th>
          <th>{t('财政专项资金', 'Special fiscal funds')}</th>
          <td className={cls('/budget/developmental/specialFiscal', 'money')}>
            {field('/budget/developmental/specialFiscal', '财政专项资金', showAmount(b.developmental.specialFiscal))}
          </td>
          <th rowSpan={2}>{t('按预算级次划分', 'By budget level')}</th>
          <th>{t('区本级使用资金', 'Own level')}</th>
          <td className={cls('/budget/byLevel/ownLevel', 'money')}>{field('/budget/byLevel/ownLevel', '区本级使用资金', showAmount(b.byLevel.ownLevel))}</td>
        </tr>
        <tr>
          <th>{t('其他事业发展性支出', 'Other developmental')}</th>
          <td className={cls('/budget/developmental/other', 'money')}>{field('/budget/developmental/other', '其他事业发展性支出', showAmount(b.developmental.other))}</td>
          <th>{t('拟用于对下转移支付资金', 'Transfers to lower levels')}</th>
          <td className={cls('/budget/byLevel/transferDown', 'money')}>{field('/budget/byLevel/transferDown', '拟用于对下转移支付资金', showAmount(b.byLevel.transferDown))}</td>
        </tr>
        <tr>
          <th rowSpan={content.projects.length + 1}>{t('重点项目', 'Key projects')}</th>
          <th colSpan={2}>{t('名称', 'Name')}</th>
          <th colSpan={2}>{t('主要实施内容', 'Main content')}</th>
          <th>{t('拟投入的资金（万元）', 'Amount (10k yuan)')}</th>
        </tr>
        {content.projects.map((project, i) => (
          <tr key={`p${i}`} className={count(`/projects/${i}`) > 0 ? 'has-comment' : undefined}>
            <td colSpan={2}>{field(`/projects/${i}`, `重点项目 ${project.name}`, project.name)}</td>
            <td colSpan={2}>{field(`/projects/${i}/content`, `${project.name} 主要实施内容`, project.content)}</td>
            <td className={cls(`/projects/${i}/amount`, 'money')}>{field(`/projects/${i}/amount`, `${project.name} 金额`, showAmount(project.amount))}</td>
          </tr>
        ))}
        <tr>
          <th rowSpan={Math.max(content.goals.length, 1)}>{t('总体绩效目标', 'Overall goals')}</th>
          <td colSpan={5} className={cls('/goals/0')}>
            {content.goals.length > 0 ? field('/goals/0', '目标1', `目标1：${content.goals[0]}`) : ''}
          </td>
        </tr>
        {content.goals.slice(1).map((goal, j) => (
          <tr key={`g${j + 1}`}>
            <td colSpan={5} className={cls(`/goals/${j + 1}`)}>
              {field(`/goals/${j + 1}`, `目标${j + 2}`, `目标${j + 2}：${goal}`)}
            </td>
          </tr>
        ))}
        <tr>
          <th rowSpan={outcomes.length + 1}>{t('年度重点工作任务', 'Key tasks of the year')}</th>
          <th colSpan={2}>{t('项目名称', 'Project')}</th>
          <th colSpan={3}>{t('期望达到的目标（概述）', 'Expected outcome')}</th>
        </tr>
        {content.projects.map((project, i) =>
          project.expectedOutcome.trim() === '' ? null : (
            <tr key={`o${i}`}>
              <td colSpan={2}>{project.name}</td>
              <td colSpan={3} className={cls(`/projects/${i}/expectedOutcome`)}>
                {field(`/projects/${i}/expectedOutcome`, `${project.name} 期望达到的目标`, project.expectedOutcome)}
              </td>
            </tr>
          ),
        )}
        <tr>
          <th>{t('其他需完成的任务', 'Other tasks')}</th>
          <td colSpan={5}>
            {content.otherTasks.map((task, i) => (
              <div key={i} className={cls(`/otherTasks/${i}`)}>
                {field(`/otherTasks/${i}`, `其他任务 ${i + 1}`, task)}
              </div>
            ))}
          </td>
        </tr>
      </tbody>
    </table>
  );
  };

  return (
    <div className="official-form-wrap" data-testid="official-form">
      {/* The running head in the page's top margin (never over the form), with the page numbers at the bottom. */}
      <style>{`@page { @top-center { content: ${JSON.stringify(runningHead)}; font-size: 9pt; color: #333; } }`}</style>
      {firstTable(false)}
      {b.totalDerived && (
        <p className="form-footnote" data-testid="total-footnote">
          {t('* 表中未印合计，此处由基本支出与项目支出相加。', '* The form prints no total: this one is basic + project.')}
        </p>
      )}
      <div className="screen-only">{indicatorTable(rows, 'screen')}</div>
      {/* Printed: one table per page, each with its header and its own merged class cells. */}
      {printPages.pages.map((page, p) => (
        <div key={p} className={`print-only print-indicator-page${p > 0 || !printPages.sharesFirstPage ? ' print-new-page' : ''}`}>
          {indicatorTable(page.map((i) => rows[i] as IndicatorRow), `print${p}`)}
        </div>
      ))}
      {/* Laid out at the printed page's width and type size, unseen, to learn where the pages break. */}
      <div className="print-measure" aria-hidden="true" ref={measureRef}>
        {firstTable(true)}
        {indicatorTable(rows, 'measure')}
      </div>
    </div>
  );
}
