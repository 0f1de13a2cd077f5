import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMoney, money, sumMoney } from '../../core/money.ts';
import type { DepartmentTargetDeclaration } from '../../core/declaration.ts';
import { importFormBytes, importFormText } from './importFormText.ts';
import type { Claim } from './ledger.ts';
import { toSourceLines } from './sourceText.ts';

const SEED_PATH = new URL('../../../fixtures/forms/000_168cd24c06a0f893.txt', import.meta.url);
const EXPECTED_PATH = new URL('../../../fixtures/forms/000_168cd24c06a0f893.expected.json', import.meta.url);
const seedBytes = readFileSync(SEED_PATH);
const seedText = seedBytes.toString('utf8');

function importSeed(text = seedText): { declaration: DepartmentTargetDeclaration; claims: readonly Claim[] } {
  const outcome = importFormText(text);
  if (!outcome.ok) throw new Error(outcome.message.en);
  if (outcome.declaration.kind !== 'department-target') throw new Error(`read as ${outcome.declaration.kind}`);
  return { declaration: outcome.declaration, claims: outcome.claims };
}

/** Resolves a JSON Pointer (RFC 6901) in plain data. */
function resolvePointer(data: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), data);
}

describe('importing the Haizhu seed form', () => {
  const { declaration: d } = importSeed();

  it('matches the hand-checked expected JSON in every field', () => {
    const expected = JSON.parse(readFileSync(EXPECTED_PATH, 'utf8'));
    expect(d).toEqual(expected);
  });

  it('reads the header and the budget overview', () => {
    expect(d.kind).toBe('department-target');
    expect(d.title).toBe('部门整体预算绩效目标申报表');
    expect(d.department).toBe('广州市海珠区政务服务和数据管理局');
    expect(d.year).toBeNull();
    expect(d.budget).toEqual({
      total: '4417.50',
      totalDerived: true,
      basic: '2507.50',
      project: '1910.00',
      income: { fiscal: '4417.50', other: '0.00' },
      developmental: { specialFiscal: '0.00', other: '0.00' },
      byLevel: { ownLevel: '4417.50', transferDown: '0.00' },
    });
  });

  it('reads 14 projects whose amounts sum to exactly 1628.30, each with content and expected outcome', () => {
    expect(d.projects).toHaveLength(14);
    expect(formatMoney(sumMoney(d.projects.map((p) => money(p.amount ?? '0'))))).toBe('1628.30');
    for (const project of d.projects) {
      expect(project.name).not.toBe('');
      expect(project.content).not.toBe('');
      expect(project.expectedOutcome).not.toBe('');
    }
    expect(d.projects[1]).toMatchObject({ name: '保障广州塔景区智能化管理平台持续高效稳定运行', amount: '51.63' });
    expect(d.projects[1]?.expectedOutcome).toMatch(/^构建多种AI智能算法.*精细化水平。$/);
    // Page 2 continues the table without its header; its outcomes come after the column header line.
    expect(d.projects[8]).toMatchObject({ name: '常年法律顾问和法律诉讼服务费', amount: '15.00' });
    expect(d.projects[8]?.content).toContain('提供意见和建义；（二）协助我局');
    expect(d.projects[8]?.expectedOutcome).toMatch(/^1\.提升法律诉讼案件处理效率.*推动法治社会的建设。$/);
    expect(d.projects[13]).toMatchObject({ name: '东西部协作镇村结对帮扶资金', amount: '10.00' });
    expect(d.projects[13]?.expectedOutcome).toMatch(/为该村解决1-2个实际困难和问题。$/);
  });

  it('reads the ten goals without their 目标N： prefix', () => {
    expect(d.goals).toHaveLength(10);
    expect(d.goals[0]).toMatch(/^全面推进政府信息公开工作.*发挥政府门户网站权威发布平台作用。$/);
    expect(d.goals[9]).toMatch(/^结合结对帮扶/);
    expect(d.otherTasks).toEqual([]);
  });

  it('reads 32 indicators with both targets, labelled as printed', () => {
    expect(d.indicators).toHaveLength(32);
    for (const indicator of d.indicators) {
      expect(indicator.periodTarget).not.toBe('');
      expect(indicator.annualTarget).not.toBe('');
    }
    const byName = (name: string) => d.indicators.find((i) => i.name === name);
    expect(byName('网站考评分数')).toMatchObject({ level1: '产出指标', level2: '数量指标', periodTarget: '≥85分', annualTarget: '≥85分' });
    expect(byName('政策文件解读率（100%）')).toMatchObject({
      periodTarget: '年度完成政策解读数量不少于当年区新增应解读政策数量',
      annualTarget: '年度完成政策解读数量不少于当年区新发布应解读政策数量',
    });
    expect(byName('“广州塔景区智能化管理平台”智能事件识别算法数量')).toMatchObject({ periodTarget: '≥20', annualTarget: '≥20' });
    expect(byName('项目收益率')).toMatchObject({ periodTarget: '≥15%', annualTarget: '15%' });
    expect(byName('群众满意度')).toMatchObject({ periodTarget: '区政务公开工作投诉率低于5%', annualTarget: '＜5%' });
    expect(byName('帮扶解决困难件数（件）')?.annualTarget).toBe('为结对帮扶的贫困村解决1-2个实际困难和问题。');
    // As printed: the extraction put 时效指标 after 社会效益; the importer does not move it.
    expect(byName('按时办结率')).toMatchObject({ level1: '效益指标', level2: '时效指标' });
    expect(byName('重大项目委托监理率')).toMatchObject({ level1: '产出指标', level2: '质量指标' });
    expect(byName('对外服务微信小程序无故障运行率')).toMatchObject({ level2: '生态效益指标', annualTargetValue: { kind: 'quantity', operator: '>' } });
  });

  it('keeps the four printed but empty second-level groups', () => {
    expect(d.emptyLevel2).toEqual([
      ['效益指标', '经济效益指标'],
      ['成本指标', '经济成本指标'],
      ['成本指标', '社会成本指标'],
      ['成本指标', '生态环境成本指标'],
    ]);
  });

  it('leaves nothing unparsed', () => {
    expect(d.unparsed).toEqual([]);
  });
});

describe('losslessness', () => {
  /** Every non-blank character is claimed once, and each field claim's text is in the field it names. */
  function expectAccountedFor(text: string): void {
    const { declaration, claims } = importSeed(text);
    const lines = toSourceLines(text);
    const covered = lines.map((line) => new Array<boolean>(line.text.length).fill(false));
    for (const claim of claims) {
      for (let i = claim.start; i < claim.end; i++) {
        expect(covered[claim.line - 1]?.[i], `line ${claim.line} col ${i} claimed twice`).toBe(false);
        (covered[claim.line - 1] as boolean[])[i] = true;
      }
      const claimed = lines[claim.line - 1]?.text.slice(claim.start, claim.end) ?? '';
      if (claim.role === 'field') {
        const value = resolvePointer(declaration, claim.path ?? '');
        expect(typeof value, `${claim.path} holds text`).toBe('string');
        const normalised = /^\/(budget|projects\/\d+\/amount)/.test(claim.path ?? '') ? claimed.replace(/,/g, '').replace(/\.(\d)$/, '.$10') : claimed.replace(/\s+/g, ' ');
        expect(String(value).replace(/\s+/g, ' '), `line ${claim.line}: ${claimed}`).toContain(normalised.trim());
      }
    }
    const unparsedLines = new Set(declaration.unparsed.map((u) => u.line));
    lines.forEach((line, index) => {
      const rest = [...line.text].filter((ch, i) => !covered[index]?.[i] && !/\s/.test(ch)).join('');
      if (rest !== '') {
        expect(unparsedLines.has(line.no), `line ${line.no} has unaccounted text ${rest}`).toBe(true);
        expect(declaration.unparsed.find((u) => u.line === line.no)?.text.replace(/\s/g, '')).toBe(rest);
      }
    });
  }

  it('accounts for every character of the seed', () => {
    expectAccountedFor(seedText);
  });

  it('accounts for every character when garbage is appended or inserted', () => {
    expectAccountedFor(`${seedText}\n随便写的一行 与表格无关\n12345\n`);
    const lines = seedText.split('\n');
    lines.splice(300, 0, '这是混入的一行文字，不属于任何栏目');
    expectAccountedFor(lines.join('\n'));
  });
});

describe('encodings and line endings', () => {
  it('reads GB18030, BOM, CRLF and full-width spaces to the same declaration', () => {
    const { declaration: reference } = importSeed();
    const gbk = Uint8Array.from(encodeGb18030(seedText));
    const variants: Uint8Array[] = [
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), seedBytes]),
      Buffer.from(seedText.replace(/\n/g, '\r\n'), 'utf8'),
      Buffer.from(seedText.replace(/ /g, '\u3000'), 'utf8'),
      gbk,
    ];
    for (const bytes of variants) {
      const outcome = importFormBytes(bytes);
      expect(outcome.ok && outcome.declaration).toEqual(reference);
    }
  });
});

/** GB18030-encodes text via iconv-free means: Node can decode GB18030 but not encode it, so we build a table. */
function encodeGb18030(text: string): number[] {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (!table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else {
      const encoded = table.get(ch);
      if (!encoded) throw new Error(`no two-byte GB18030 code for ${ch}`);
      bytes.push(...encoded);
    }
  }
  return bytes;
}
