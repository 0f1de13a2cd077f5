/**
 * A source check (node:fs is for web/build, not web/src): every ECharts formatter written as a
 * function under web/src/charts and web/src/dashboard returns HTML ECharts does not escape, so it
 * must build its text with chartText (web/src/charts/chartText.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('chart formatters', () => {
  it('every function formatter under charts/ and dashboard/ builds its text with chartText', () => {
    let checked = 0;
    for (const folder of ['charts', 'dashboard']) {
      const dir = new URL(`../src/${folder}/`, import.meta.url);
      for (const name of readdirSync(dir).filter((f) => f.endsWith('.tsx'))) {
        const source = readFileSync(new URL(name, dir), 'utf8');
        if (!/formatter:\s*(\(|function|[a-zA-Z_]+\s*=>)/.test(source)) continue;
        checked++;
        expect(source, `${folder}/${name}`).toMatch(/chartText|executionTooltip/);
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
