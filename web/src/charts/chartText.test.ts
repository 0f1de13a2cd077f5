/** Names in chart tooltips are text, never markup. */
import { describe, expect, it } from 'vitest';
import { chartText, executionTooltip } from './chartText.ts';

const t = (zh: string) => zh;

describe('chart tooltips', () => {
  it("show a department named with HTML as the text it is on the round page's execution chart", () => {
    const html = executionTooltip({ departmentName: '<img src=x onerror="alert(1)">局', rate: '45.00', executed: '12.00', annual: '26.67' }, '58.33', t);
    expect(html).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;局<br/>执行率 45.00%（12.00 / 26.67 万元）<br/>时间进度 58.33%');
    expect(chartText(null)).toBe('');
    expect(chartText("a&b'")).toBe('a&amp;b&#39;');
  });

});
