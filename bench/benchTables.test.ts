import { describe, expect, it } from 'vitest';
import { change, figuresOf, sectionOf } from './benchTables.ts';

const DOCUMENT = `# Benchmarks

<!-- bench:server -->
## Server (issue 4)

| store | request | requests/s | p99 | bare node:http, same JSON | share of bare | non-2xx |
| --- | --- | ---: | ---: | ---: | ---: | ---: |
| embedded | GET one declaration (the seed, ~29 KB) | 4,397 | 36 ms | 5,698 | 77% | 0 |

| store | as an admin p50 / p99 | baseline: one report by key p50 / p99 |
| --- | ---: | ---: |
| PostgreSQL 15 | 34.6 ms / 48.2 ms | 0.2 ms / 1.8 ms |

| Measure | Result | Goal | Met |
|---|---:|---:|:-:|
| Navigation → editor interactive, median of 11 | 699 ms | < 1000 ms | yes |
| Baseline: navigation to a page with no script (same run, median) | 199 ms | | |
<!-- /bench:server -->
`;

describe('reading figures back out of BENCHMARKS.md', () => {
  it('finds a part’s section and each numeric cell with its row and column', () => {
    const section = sectionOf(DOCUMENT, 'server');
    expect(section).not.toBeNull();
    const figures = figuresOf(section ?? '');
    const rate = figures.find((f) => f.key === 'embedded · GET one declaration (the seed, ~29 KB) · requests/s');
    expect(rate).toMatchObject({ value: 4397, higherIsBetter: true });
    expect(figures.find((f) => f.key.endsWith('· p99'))).toMatchObject({ value: 36, unit: 'ms', higherIsBetter: false });
    // Two figures in one cell, each named by its half of the header; baselines and goals are not figures.
    expect(figures.filter((f) => f.key.startsWith('PostgreSQL 15')).map((f) => [f.key, f.value])).toEqual([
      ['PostgreSQL 15 · as an admin p50 / p99 (as an admin p50)', 34.6],
      ['PostgreSQL 15 · as an admin p50 / p99 (p99)', 48.2],
    ]);
    expect(figures.find((f) => f.key.startsWith('Navigation'))).toMatchObject({ value: 699, unit: 'ms' });
    expect(figures.some((f) => f.key.includes('Goal'))).toBe(false);
    // The bare server and the page with no script measure the machine: two runs' change there is noise.
    expect(figures.filter((f) => /bare node:http|Baseline/.test(f.key))).toEqual([]);
    expect(figures.find((f) => f.key.endsWith('share of bare'))).toMatchObject({ value: 77, higherIsBetter: true });
    expect(sectionOf(DOCUMENT, 'web')).toBeNull();
  });

  it('signs a change so that worse is negative, whichever way the figure is better', () => {
    const rate = { key: 'r', unit: '', higherIsBetter: true };
    const time = { key: 't', unit: 'ms', higherIsBetter: false };
    expect(change({ ...rate, value: 100 }, { ...rate, value: 90 })).toBeCloseTo(-0.1);
    expect(change({ ...time, value: 100 }, { ...time, value: 90 })).toBeCloseTo(0.1);
    expect(change({ ...time, value: 100 }, { ...time, value: 120 })).toBeCloseTo(-0.2);
  });
});
