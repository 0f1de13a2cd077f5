/**
 * A project's targets published as a notice in prose (关于…项目绩效目标设定的公示): the project from the
 * title, its money, content and overall goal from the sentences that state them, and its indicators
 * from the paragraphs under 一、产出指标 / 二、效益指标 / 三、满意度指标, each `name(hint)value` item after
 * its 二级 label (数量指标：…；…). A template's hint in brackets (≥**株) is wording; the value after it
 * is the target. Every character is a field, a label or unparsed, as in the other readers.
 */
import { emptyProjectTarget, type ProjectIndicator, type ProjectTargetDeclaration } from '../../core/projectTarget.ts';
import { parseTargetValue } from '../../core/targetValue.ts';
import { Ledger, type Claim } from './ledger.ts';
import { claimPageFurniture } from './pageFurniture.ts';
import { readAmount } from './projectTargetText.ts';
import type { SourceLine, Token } from './sourceText.ts';

const TITLE = /关于(.{2,60}?项目)(?:的)?绩效目标(?:设定|申报|批复|设置)?(?:情况)?的?(?:公示|公告|说明)/;
const HINT = /[(（][^()（）]*(?:\*\*|XX|××)[^()（）]*[)）]/;
const LEVEL1_HEAD = /^\s*[一二三四五六七八九十]+[、.．]\s*((?:产出|效益|满意度|成本)指标)\s*$/;
const LEVEL2 = /(数量指标|质量指标|时效指标|成本指标|经济效益指标|社会效益(?:指标|目标)|生态效益指标|可持续影响指标|服务对象满意度指标|满意度指标|效益指标)\s*[:：,，]?/g;

/** True when a text is a project's targets in prose: the notice's title and several 二级 labels with items. */
export function isProjectProse(lines: readonly SourceLine[]): boolean {
  const text = lines.map((l) => l.text).join('\n');
  return TITLE.test(text.replace(/\s/g, '')) && (text.match(/(数量|质量|时效|成本|效益|满意度)指标\s*[:：]/g) ?? []).length >= 2;
}

const span = (line: SourceLine, start: number, end: number): Token => ({ line, start, end, text: line.text.slice(start, end) });

/** Reads a notice of a project's targets. */
export function readProjectProse(lines: readonly SourceLine[]): { declaration: ProjectTargetDeclaration; claims: readonly Claim[] } {
  const ledger = new Ledger(lines);
  claimPageFurniture(lines, ledger);
  const d: ProjectTargetDeclaration = { ...emptyProjectTarget(), title: null, implementer: null };
  let level1: string | null = null;
  for (const line of lines) {
    const text = line.text;
    if (line.blank) continue;
    const title = TITLE.exec(text);
    if (title && d.project.name === null && title[1]) {
      const start = text.indexOf(title[0]);
      d.title = title[0];
      ledger.field(span(line, start, start + title[0].length), '/title');
      d.project.name = title[1];
      continue;
    }
    const agency = /(发布机构|发文机关)\s*[|｜:：]\s*([^|｜]+?)\s*(?=[|｜]|$)/.exec(text);
    if (agency?.[1] && agency[2] && d.department === null) {
      const at = text.indexOf(agency[2], agency.index + agency[1].length);
      d.department = agency[2];
      ledger.label(span(line, agency.index, agency.index + agency[1].length));
      ledger.field(span(line, at, at + agency[2].length), '/department');
    }
    const date = /(?:发文时间|发布时间|成文日期)\s*[|｜:：]?\s*((?:19|20)\d{2})-\d{2}-\d{2}/.exec(text);
    if (date && d.year === null) d.year = Number(date[1]);
    // The sentences that state the money, the content and the overall goal.
    const money = /资金\s*(\d+(?:\.\d+)?)\s*万元/.exec(text);
    if (money && d.funds.total === null && money[1]) {
      const at = money.index + money[0].indexOf(money[1]);
      d.funds.total = readAmount(`${money[1]}万元`) ?? null;
      ledger.field(span(line, at, at + money[0].length - money[0].indexOf(money[1])), '/funds/total');
    }
    const basis = /^根据(.{4,200}?)精神/.exec(text);
    if (basis?.[1] && d.project.basis === null) {
      d.project.basis = basis[1];
      ledger.label(span(line, 0, 2));
      ledger.field(span(line, 2, 2 + basis[1].length), '/project/basis');
    }
    const content = /项目建设内容[:：]\s*([^。]+。?)/.exec(text);
    if (content?.[1] && d.project.content === null) {
      const at = content.index + content[0].indexOf(content[1]);
      d.project.content = content[1];
      ledger.field(span(line, at, at + content[1].length), '/project/content');
    }
    const goal = /(?:项目)?总体绩效目标(?:是|为)?[:：]\s*([^。]+。?)/.exec(text);
    if (goal?.[1] && d.annualGoal === '') {
      const at = goal.index + goal[0].indexOf(goal[1]);
      d.annualGoal = goal[1];
      ledger.field(span(line, at, at + goal[1].length), '/annualGoal');
    }
    const head = LEVEL1_HEAD.exec(text);
    if (head?.[1]) {
      level1 = head[1];
      ledger.label(line.span as Token);
      continue;
    }
    if (level1 !== null) readItems(line, level1, d, ledger);
  }
  d.unparsed = ledger.unclaimed();
  return { declaration: d, claims: ledger.allClaims() };
}

/** The items of a paragraph under a 一级 heading: each 二级 label, then `name(hint)value` items parted by ；。 or a comma before the next name. */
function readItems(line: SourceLine, level1: string, d: ProjectTargetDeclaration, ledger: Ledger): void {
  const text = line.text;
  const labels = [...text.matchAll(LEVEL2)];
  if (labels.length === 0) return;
  labels.forEach((label, k) => {
    const level2 = (label[1] ?? '').replace(/目标$/, '指标');
    ledger.label(span(line, label.index, label.index + label[0].length));
    const from = label.index + label[0].length;
    const to = labels[k + 1]?.index ?? text.length;
    let at = from;
    // Items part at ；。, and at a comma where each side holds a hint of its own (…(≥**万元)≥80万元,促使…(≥**万元)≥80万元).
    const pieces: string[] = [];
    for (const sentence of text.slice(from, to).split(/(?<=[;；。])/)) {
      let current = '';
      for (const part of sentence.split(/(?<=[,，])/)) {
        if (HINT.test(current) && HINT.test(part)) {
          pieces.push(current);
          current = part;
        } else current += part;
      }
      if (current !== '') pieces.push(current);
    }
    for (const piece of pieces) {
      const start = at;
      at += piece.length;
      const item = piece.replace(/[;；。,，\s]+$/, '');
      // The separators between items are the notice's punctuation.
      if (item.length < piece.length) ledger.label(span(line, start + item.length, start + piece.length));
      if (item.trim() === '') continue;
      const offset = start + (piece.length - piece.trimStart().length);
      const body = item.trim();
      const core = /^★+/.exec(body);
      const nameStart = offset + (core ? core[0].length : 0);
      if (core) ledger.label(span(line, offset, nameStart));
      const rest = body.slice(core ? core[0].length : 0);
      // name(≥**株)>=17600株: the hint in brackets is the template's, the figure after it the target.
      const hinted = /^(.*?)[(（]([^()（）]*(?:\*\*|XX|××)[^()（）]*)[)）](.*)$/.exec(rest);
      const name = hinted ? (hinted[1] ?? '') : rest;
      const target = hinted ? (hinted[3] ?? '').trim() : '';
      const index = d.indicators.length;
      const indicator: ProjectIndicator = {
        level1,
        level2,
        name,
        periodTarget: null,
        annualTarget: target,
        periodTargetValue: parseTargetValue(''),
        annualTargetValue: parseTargetValue(target),
        unit: null,
        standard: null,
        explanation: null,
        scoringRule: null,
        weight: null,
        note: null,
        core: core !== null,
      };
      d.indicators.push(indicator);
      ledger.field(span(line, nameStart, nameStart + name.length), `/indicators/${index}/name`);
      if (hinted) {
        const hintStart = nameStart + name.length;
        const targetStart = hintStart + rest.length - name.length - (hinted[3] ?? '').length;
        ledger.label(span(line, hintStart, targetStart));
        if (target) ledger.field(span(line, targetStart, nameStart + rest.length), `/indicators/${index}/annualTarget`);
      }
    }
  });
}
