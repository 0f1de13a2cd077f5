import { describe, expect, it } from 'vitest';
import { BOOK_SECTIONS, bookModel, bookSheets, sumAmounts, type BookData, type BookRow, type BookSection } from './book.ts';

const row = (over: Partial<BookRow>): BookRow => ({ id: 'x', kind: 'project-target', departmentName: '海珠区教育局', projectName: '校舍维修', title: null, state: 'approved', amount: '100.10', executed: null, rate: null, light: null, score: null, grade: null, reviewGrade: '良', publishedAt: null, facts: {}, ...over });

const data: BookData = {
  scopeName: '海珠区',
  scope: 'region',
  year: 2025,
  today: '2025-12-01',
  rows: [
    row({ id: 'a' }),
    row({ id: 'b', projectName: '课后服务', amount: '0.20', state: 'published' }),
    row({ id: 'm', kind: 'monitoring-report', amount: '100.10', executed: '30.00', rate: '29.97', light: 'red', state: 'accepted' }),
    row({ id: 's', kind: 'self-evaluation', score: '78.50', grade: '中', state: 'accepted' }),
    row({ id: 'k', kind: 'assessment', title: '校舍维修重点评价', state: 'concluded', score: '62.00', grade: '中', facts: { purpose: 'key-evaluation', decision: null } }),
    row({ id: 'r1', kind: 'rectification', title: '执行滞后', state: 'open', facts: { deadline: '2025-09-30', source: { type: 'monitoring-report' } } }),
    row({ id: 'r2', kind: 'rectification', title: '目标不细化', state: 'accepted', facts: { deadline: '2025-09-30', source: { type: 'manual' } } }),
  ],
  disclosure: [{ departmentName: '海珠区教育局', forms: 2, published: 1, late: 1, reasonsMissing: 1, share: '50.0', meetsGoal: false }],
  proposals: [
    { department: '海珠区教育局', project: '校舍维修', lastAmount: '100.10', proposed: '90.09', rule: '评价等级“中”', request: '120.00', overRequest: true },
    { department: '海珠区教育局', project: '课后服务', lastAmount: '0.20', proposed: '0.20', rule: '评价等级“良”', request: null, overRequest: false },
  ],
};

describe('the people’s congress book', () => {
  it('is its sections in order, each a heading, a summary and its table, with a contents page', () => {
    const model = bookModel(data);
    expect(model.title).toBe('海珠区2025年度预算绩效管理情况报告');
    expect(model.contents).toBe(true);
    expect(model.blocks.filter((b) => b.type === 'heading').map((b) => (b.type === 'heading' ? b.text : ''))).toEqual(['一、绩效目标', '二、绩效运行监控', '三、绩效自评', '四、评估评价（事前评估、重点评价、抽评）', '五、问题整改', '六、预算安排建议', '七、信息公开']);
    const paragraphs = model.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
    expect(paragraphs[0]).toContain('项目支出 2 份，涉及资金 100.30 万元');
    expect(paragraphs[1]).toContain('红灯 1');
    expect(paragraphs[4]).toContain('逾期未整改 1 项');
    // Next year's proposals from this year's results, the rule beside each.
    expect(paragraphs[5]).toBe('据2025年绩效结果提出2026年预算安排建议：持续项目 2 个，上年预算 100.30 万元，建议安排 90.29 万元；申请数超出建议的 1 个。');
    expect(bookSheets(data).find((x) => x.name === '6 预算安排建议')?.table.rows[0]).toEqual(['海珠区教育局', '校舍维修', '100.10', '90.09', '评价等级“中”', '120.00（超出建议）']);
  });

  it('takes one more section by one line, in the PDF and the Excel alike', () => {
    const league: BookSection = { key: 'league', title: '综合考核', render: () => ({ summary: ['（示例）'], table: { columns: ['部门', '总分'], widths: [1, 1], rows: [['海珠区教育局', '90.00']] } }) };
    const sections = [...BOOK_SECTIONS, league];
    expect(bookModel(data, sections).blocks.some((b) => b.type === 'heading' && b.text === '八、综合考核')).toBe(true);
    const sheets = bookSheets(data, sections);
    expect(sheets.map((s) => s.name)).toEqual(['目录', '1 绩效目标', '2 绩效运行监控', '3 绩效自评', '4 评估评价', '5 问题整改', '6 预算安排建议', '7 信息公开', '8 综合考核']);
    expect(sheets[0]?.table.rows[4]).toEqual(['5', '5 问题整改', '2', '整改事项 2 项：待整改 1、整改已验收 1；逾期未整改 1 项。']);
  });

  it('adds money exactly', () => {
    expect(sumAmounts(['0.10', '0.20', null, 'abc', '999999999999.99'])).toBe('1000000000000.29');
  });
});
