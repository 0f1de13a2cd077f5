/**
 * The indicator library as knowledge: what an entry is, how an indicator row becomes one, how a
 * look-up ranks entries, and the built-in common indicators (共性指标) every department uses.
 * Pure data and functions; the store keeps the entries (src/server/services/indicatorLibrary.ts).
 */
import type { IndicatorRow } from './document.ts';
import type { TargetValue } from './targetValue.ts';

export type Direction = 'up' | 'down' | 'equal' | 'qualitative';

/** One entry as the look-up ranks it. */
export interface LibraryEntry {
  readonly id: string;
  readonly name: string;
  readonly level1: string | null;
  readonly level2: string | null;
  readonly unit: string | null;
  readonly direction: Direction | null;
  readonly builtin: boolean;
  /** How many approved or published forms use it. */
  readonly uses: number;
}

/** The key that makes two rows one entry: the name without blanks, ★ or numbering, and its 二级 class. */
export function libraryKey(name: string, level2: string | null): string {
  return `${normaliseName(name)}|${level2 ?? ''}`;
}

/** An indicator name as the library compares it. */
export function normaliseName(name: string): string {
  return name.replace(/\s/g, '').replace(/^[★☆]/, '').replace(/^(指标)?\d+[.、:：]/, '');
}

/** The unit and direction a row's target says. */
export function unitAndDirection(value: TargetValue, unitColumn: string | null): { unit: string | null; direction: Direction | null } {
  if (value.kind === 'quantity') {
    const direction: Direction = value.operator === '≥' || value.operator === '>' ? 'up' : value.operator === '≤' || value.operator === '<' ? 'down' : 'equal';
    return { unit: unitColumn ?? value.unit, direction };
  }
  if (value.kind === 'deadline') return { unit: unitColumn ?? '日期', direction: 'down' };
  if (value.kind === 'qualitative') return { unit: unitColumn, direction: 'qualitative' };
  return { unit: unitColumn, direction: null };
}

/** The library entry fields of an indicator row. */
export function entryOf(row: IndicatorRow & { unit?: string | null }): { key: string; name: string; level1: string | null; level2: string | null; unit: string | null; direction: Direction | null } {
  const { unit, direction } = unitAndDirection(row.annualTargetValue, row.unit ?? null);
  return { key: libraryKey(row.name, row.level2), name: normaliseName(row.name), level1: row.level1, level2: row.level2, unit, direction };
}

/** The look-up order: most used first, built-in before learnt, shorter names first, then by name. */
export function compareEntries(a: LibraryEntry, b: LibraryEntry): number {
  return b.uses - a.uses || Number(b.builtin) - Number(a.builtin) || a.name.length - b.name.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Entries in look-up order, as {@link searchLibrary} wants them (sorted once, when the index is built). */
export function rankLibrary(entries: readonly LibraryEntry[]): LibraryEntry[] {
  return [...entries].sort(compareEntries);
}

/**
 * Entries for what a user is typing: names starting with the text first, then containing it, each
 * in look-up order; only the asked class when one is given. `ranked` must be in look-up order
 * ({@link rankLibrary}): the scan then stops as soon as it has enough, with no sort per look-up.
 */
export function searchLibrary(ranked: readonly LibraryEntry[], query: { q?: string; level1?: string; level2?: string; limit?: number }): LibraryEntry[] {
  const q = normaliseName(query.q ?? '');
  const limit = query.limit ?? 20;
  const prefix: LibraryEntry[] = [];
  const inside: LibraryEntry[] = [];
  for (const entry of ranked) {
    if (query.level1 && entry.level1 !== query.level1) continue;
    if (query.level2 && entry.level2 !== query.level2) continue;
    if (q === '' || entry.name.startsWith(q)) {
      prefix.push(entry);
      if (prefix.length === limit) break;
    } else if (inside.length < limit && entry.name.includes(q)) {
      inside.push(entry);
    }
  }
  return [...prefix, ...inside].slice(0, limit);
}

/** How alike two project names are: shared CJK character pairs over all pairs (0 … 1). */
export function nameSimilarity(a: string, b: string): number {
  const pairs = (text: string) => {
    const out = new Set<string>();
    const t = text.replace(/\s/g, '');
    for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
    return out;
  };
  const x = pairs(a);
  const y = pairs(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const p of x) if (y.has(p)) shared++;
  return shared / (x.size + y.size - shared);
}

/**
 * Common indicators (共性指标) of the kinds of spending every department has — procurement,
 * training, meetings, studies, IT operation, printing, vehicles, subsidies — in the classes and
 * units of the national and provincial common-indicator libraries (domain.md §1.2, §1.4).
 */
export const COMMON_INDICATORS: ReadonlyArray<{ name: string; level1: string; level2: string; unit: string; direction: Direction }> = [
  { name: '政府采购执行率', level1: '产出指标', level2: '质量指标', unit: '%', direction: 'up' },
  { name: '采购设备验收合格率', level1: '产出指标', level2: '质量指标', unit: '%', direction: 'up' },
  { name: '采购设备数量', level1: '产出指标', level2: '数量指标', unit: '台', direction: 'up' },
  { name: '采购完成时间', level1: '产出指标', level2: '时效指标', unit: '日期', direction: 'down' },
  { name: '培训人次', level1: '产出指标', level2: '数量指标', unit: '人次', direction: 'up' },
  { name: '培训班期数', level1: '产出指标', level2: '数量指标', unit: '期', direction: 'up' },
  { name: '培训合格率', level1: '产出指标', level2: '质量指标', unit: '%', direction: 'up' },
  { name: '参训人员满意度', level1: '满意度指标', level2: '服务对象满意度指标', unit: '%', direction: 'up' },
  { name: '会议召开次数', level1: '产出指标', level2: '数量指标', unit: '次', direction: 'up' },
  { name: '参会人数', level1: '产出指标', level2: '数量指标', unit: '人', direction: 'up' },
  { name: '会议费用控制在预算内', level1: '成本指标', level2: '经济成本指标', unit: '万元', direction: 'down' },
  { name: '课题研究报告数量', level1: '产出指标', level2: '数量指标', unit: '篇', direction: 'up' },
  { name: '研究成果采纳率', level1: '效益指标', level2: '社会效益指标', unit: '%', direction: 'up' },
  { name: '课题按期结题率', level1: '产出指标', level2: '时效指标', unit: '%', direction: 'up' },
  { name: '信息系统正常运行率', level1: '产出指标', level2: '质量指标', unit: '%', direction: 'up' },
  { name: '系统故障响应时间', level1: '产出指标', level2: '时效指标', unit: '小时', direction: 'down' },
  { name: '运维服务覆盖系统数量', level1: '产出指标', level2: '数量指标', unit: '个', direction: 'up' },
  { name: '网络安全事件发生次数', level1: '效益指标', level2: '社会效益指标', unit: '次', direction: 'down' },
  { name: '系统使用人员满意度', level1: '满意度指标', level2: '服务对象满意度指标', unit: '%', direction: 'up' },
  { name: '运维成本', level1: '成本指标', level2: '经济成本指标', unit: '万元', direction: 'down' },
  { name: '印刷品数量', level1: '产出指标', level2: '数量指标', unit: '份', direction: 'up' },
  { name: '宣传活动场次', level1: '产出指标', level2: '数量指标', unit: '场', direction: 'up' },
  { name: '宣传覆盖人数', level1: '效益指标', level2: '社会效益指标', unit: '人次', direction: 'up' },
  { name: '公务用车运行费用', level1: '成本指标', level2: '经济成本指标', unit: '万元', direction: 'down' },
  { name: '补助资金发放准确率', level1: '产出指标', level2: '质量指标', unit: '%', direction: 'up' },
  { name: '补助资金及时发放率', level1: '产出指标', level2: '时效指标', unit: '%', direction: 'up' },
  { name: '补助对象覆盖率', level1: '产出指标', level2: '数量指标', unit: '%', direction: 'up' },
  { name: '受益对象满意度', level1: '满意度指标', level2: '服务对象满意度指标', unit: '%', direction: 'up' },
  { name: '服务对象满意度', level1: '满意度指标', level2: '服务对象满意度指标', unit: '%', direction: 'up' },
  { name: '工程验收合格率', level1: '产出指标', level2: '质量指标', unit: '%', direction: 'up' },
  { name: '项目按期完成率', level1: '产出指标', level2: '时效指标', unit: '%', direction: 'up' },
  { name: '单位成本控制', level1: '成本指标', level2: '经济成本指标', unit: '元', direction: 'down' },
  { name: '群众投诉次数', level1: '效益指标', level2: '社会效益指标', unit: '次', direction: 'down' },
  { name: '政策知晓率', level1: '效益指标', level2: '社会效益指标', unit: '%', direction: 'up' },
];
