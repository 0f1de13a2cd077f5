import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawSample, hash53, type SampleCandidate } from './sampling.ts';

const candidates: SampleCandidate[] = Array.from({ length: 60 }, (_, i) => ({ id: `e${String(i).padStart(3, '0')}`, grade: ['优', '良', '中', '差', null][i % 5] ?? null }));

describe('抽评 sampling', () => {
  it('draws the configured count of each grade, none without a grade', () => {
    const { drawn, shortfalls } = drawSample(candidates, { 优: 3, 良: 2, 中: 1, 差: 0 }, 'seed-1');
    expect(drawn.map((d) => d.grade)).toEqual(['优', '优', '优', '良', '良', '中']);
    expect(new Set(drawn.map((d) => d.id)).size).toBe(6);
    for (const d of drawn) expect(candidates.find((c) => c.id === d.id)?.grade).toBe(d.grade);
    expect(shortfalls).toEqual([]);
  });

  it('is reproducible from its seed, whatever order the candidates come in', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 60, maxLength: 60 }), (seed, keys) => {
        const shuffled = candidates.map((c, i) => ({ c, k: keys[i] ?? 0 })).sort((a, b) => a.k - b.k).map((x) => x.c);
        expect(drawSample(shuffled, { 优: 4, 中: 2 }, seed)).toEqual(drawSample(candidates, { 优: 4, 中: 2 }, seed));
      }),
      { seed: 44, numRuns: 100 },
    );
  });

  it('another seed draws another sample', () => {
    const a = drawSample(candidates, { 优: 5 }, 'a').drawn.map((d) => d.id);
    const b = drawSample(candidates, { 优: 5 }, 'b').drawn.map((d) => d.id);
    expect(a).not.toEqual(b);
  });

  it('says where a grade has fewer than asked', () => {
    expect(drawSample(candidates, { 差: 20 }, 's').shortfalls).toEqual([{ grade: '差', asked: 20, available: 12 }]);
  });

  it('hashes the same on every run', () => {
    expect(hash53('jixiao')).toBe(hash53('jixiao'));
    expect(hash53('a')).not.toBe(hash53('b'));
  });
});
