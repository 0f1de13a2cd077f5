/**
 * What a published text is before it is read as a form: a blank template or its filling
 * instructions (填报说明), or an assessment score sheet (项目决策 / 项目管理 / 项目绩效 scored with 自评分
 * and 复核分, a 绩效评价指标表, a 部门决策 / 综合管理 / 部门绩效 sheet) — kinds Jixiao recognises and names
 * but does not import (an assessment will be a kind of its own later). Pure.
 */

export interface KindEvidence {
  readonly kind: 'template' | 'assessment';
  /** What gave it away, as `line N: text`. */
  readonly evidence: readonly string[];
}

// A template's blanks: a year left open, dates to fill in, an amount or a target to be typed.
const BLANK_YEAR = /[（(]\s{1,}年度?\s*[)）]|\(\s*年度\)|（\s*年度）/;
const BLANK_DATES = /年\s+月\s+(日\s+)?至\s+年\s+月/;
const INSTRUCTIONS = /(填报说明|填表说明|填写说明)(?!.{0,6}(见|详见))/;
const INSTRUCTION_STEPS = /[一二三四五六]、[^。\n]{0,20}[:：]\s*填写|按规范的项目名称|在选项.{0,6}中划/;
// A placeholder standing alone in a cell (not a hint in brackets beside a value: (≥**株)≥17600株).
const LONE_PLACEHOLDER = /(?:^|[\s|｜])(?:[≥≤><=]?\s*(?:\*{2,}|X{2,}|×{2,}|x{2,})\s*[%％个人次元万]*)(?=$|[\s|｜])/;
const NUMBERED_BLANKS = /(?:^|\s)1[.、]\s*2[.、]\s*3[.、]\s*(?:4[.、]\s*)?(?:……|…)?/;
const UNTICKED = /□/g;
const TICKED = /[√☑■✓✔]/;

// A framework's first-level heads with their points (项目决策 2 分, 部门决策(25分)).
const ASSESSMENT_HEADS = /(项目决策|项目管理|项目绩效|部门决策|综合管理|部门绩效情况|部门绩效)\s*[（(]?\s*\d{1,3}\s*分/g;
const SECOND_SCORE = /(复核分|复核得分|评审得分|专家评分|自评分)/;
const ASSESSMENT_TITLE = /(绩效评价指标(体系)?表|绩效评价评分表|评分表)\s*$/;

// The characters each sign needs: most lines have none of them and are passed over by one scan.
const SIGN_INSTRUCTION = /[说写划]/;
const SIGN_YEAR = /年/;
const SIGN_DATES = /至/;
const SIGN_PLACEHOLDER = /[*Xx×]/;
const SIGN_NUMBERED = /1/;
const SIGN_TICK = /[√☑■✓✔]/;

/** Lines numbered from 1 with their text. */
type Numbered = { readonly no: number; readonly text: string };

/** A template or an assessment sheet, with its evidence; null for anything else. */
// Something every sign needs, in one pass over the text: most forms have none and are passed at once.
const ANY_SIGN = /填报说明|填表说明|填写说明|填写|划|□|√|☑|■|✓|✔|\*\*|XX|××|xx|至|[（(]\s+年|年\s+月|1[.、]\s*2[.、]|项目决策|部门决策|项目管理|综合管理|项目绩效\s*\d|部门绩效|评分表|绩效评价指标|复核分|自评分/;

export function documentKindOf(lines: readonly Numbered[]): KindEvidence | null {
  const template: string[] = [];
  const reasons = new Set<string>();
  const blank = (reason: string, shown: string) => {
    reasons.add(reason);
    template.push(shown);
  };
  const assessment: string[] = [];
  let unticked = 0;
  let ticked = 0;
  let heads = new Set<string>();
  let secondScore = false;
  let assessmentTitle = false;
  for (const line of lines) {
    const text = line.text;
    // A line with none of the signs' words or marks says nothing here (most lines of a filled form).
    if (!ANY_SIGN.test(text)) continue;
    // Each sign needs a character of its own; most lines have none of them and are passed over at once.
    const shown = `line ${line.no}: ${text.trim().slice(0, 80)}`;
    if (SIGN_INSTRUCTION.test(text) && (INSTRUCTIONS.test(text) || INSTRUCTION_STEPS.test(text))) blank('instructions', shown);
    if (SIGN_YEAR.test(text) && BLANK_YEAR.test(text)) blank('year', shown);
    if (SIGN_DATES.test(text) && BLANK_DATES.test(text)) blank('dates', shown);
    if (SIGN_PLACEHOLDER.test(text) && LONE_PLACEHOLDER.test(text)) blank('placeholder', shown);
    if (SIGN_NUMBERED.test(text) && NUMBERED_BLANKS.test(text)) blank('numbered', shown);
    if (text.includes('□')) unticked += (text.match(UNTICKED) ?? []).length;
    if (SIGN_TICK.test(text) && TICKED.test(text)) ticked++;
    if (line.no <= (lines[0]?.no ?? 1) + 15 && text.includes('表') && ASSESSMENT_TITLE.test(text.replace(/\s/g, '')) && !/自评表\s*$/.test(text)) {
      assessmentTitle = true;
      assessment.push(shown);
    }
    if (!text.includes('分')) continue;
    for (const m of text.matchAll(ASSESSMENT_HEADS)) heads.add((m[1] ?? '').replace(/情况$/, ''));
    if (SECOND_SCORE.test(text)) secondScore = true;
    if (heads.size > 0 && SECOND_SCORE.test(text)) assessment.push(shown);
  }
  if (unticked >= 4 && ticked === 0) blank('unticked', `${unticked} 个未勾选的 □`);
  heads = new Set([...heads].map((h) => h.replace(/情况$/, '')));
  const frameworks = ['项目决策', '项目管理', '项目绩效'].filter((h) => heads.has(h)).length >= 2 || ['部门决策', '综合管理', '部门绩效'].filter((h) => heads.has(h)).length >= 2;
  if (frameworks || assessmentTitle) {
    // A sheet scored by the unit and again by a reviewer is an assessment; without a figure scored it is its blank template.
    const scored = secondScore || lines.some((l) => /自评总分\s*[:：]?\s*\d/.test(l.text));
    if (frameworks && !scored && !assessmentTitle) return { kind: 'template', evidence: [...new Set([...assessment, ...template])].slice(0, 5).concat(['评分表的得分栏均为空']) };
    return { kind: 'assessment', evidence: assessment.length > 0 ? assessment.slice(0, 5) : [...heads].slice(0, 5) };
  }
  // Two signs of blanks make a template; one may be a filled form quoting its template.
  return reasons.size >= 2 ? { kind: 'template', evidence: [...new Set(template)].slice(0, 5) } : null;
}
