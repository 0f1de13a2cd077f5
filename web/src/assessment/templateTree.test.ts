import { describe, expect, it } from 'vitest';
import type { Criterion } from '../../../src/core/assessment/assessment.ts';
import { templateProblems } from '../../../src/core/assessment/scoring.ts';
import { addCriterion, canNest, depthFirst, liftCriterion, moveCriterion, nestCriterion, problemsByCriterion, removeCriterion, updateCriterion } from './templateTree.ts';

const c = (id: string, parent: string | null, weight: string): Criterion => ({ id, parent, name: `指标${id}`, weight, guidance: '', standard: { type: 'judgement', text: '' } });

// 决策 40 (立项 20, 目标 20) and 效益 60 (社会 60).
const TREE: Criterion[] = [c('1', null, '40'), c('1.1', '1', '20'), c('1.2', '1', '20'), c('2', null, '60'), c('2.1', '2', '60')];
const ids = (list: readonly Criterion[]) => list.map((x) => `${x.id}<${x.parent ?? '-'}`);

describe('template tree edits', () => {
  it('keeps a parent before its children, siblings in order', () => {
    expect(ids(depthFirst([TREE[3] as Criterion, TREE[1] as Criterion, TREE[0] as Criterion, TREE[4] as Criterion, TREE[2] as Criterion]))).toEqual(['2<-', '2.1<2', '1<-', '1.1<1', '1.2<1']);
  });

  it('moves a first-level criterion down with everything below it, and not past the end', () => {
    const moved = moveCriterion(TREE, '1', 'down');
    expect(ids(moved)).toEqual(['2<-', '2.1<2', '1<-', '1.1<1', '1.2<1']);
    expect(ids(moveCriterion(moved, '1', 'down'))).toEqual(ids(moved));
    expect(ids(moveCriterion(TREE, '1.2', 'up'))).toEqual(['1<-', '1.2<1', '1.1<1', '2<-', '2.1<2']);
  });

  it('nests a criterion under the sibling above it and lifts it back after its parent', () => {
    expect(canNest(TREE, '1')).toBe(false);
    expect(canNest(TREE, '2')).toBe(true);
    const nested = nestCriterion(TREE, '2');
    expect(ids(nested)).toEqual(['1<-', '1.1<1', '1.2<1', '2<1', '2.1<2']);
    expect(ids(liftCriterion(nested, '2'))).toEqual(ids(TREE));
    expect(ids(liftCriterion(TREE, '1'))).toEqual(ids(TREE));
  });

  it('adds a criterion last under its parent with an id of its own, and removes one with what is below it', () => {
    const { criteria, id } = addCriterion(TREE, '1', '资金投入');
    expect(id).toBe('new-1');
    expect(ids(criteria)).toEqual(['1<-', '1.1<1', '1.2<1', 'new-1<1', '2<-', '2.1<2']);
    expect(addCriterion(criteria, null, '产出').id).toBe('new-2');
    expect(ids(removeCriterion(TREE, '1'))).toEqual(['2<-', '2.1<2']);
  });

  it('reweights, and the core then names the criterion whose children no longer add up, then the first level', () => {
    const broken = updateCriterion(TREE, '1.1', { weight: '25' });
    const { byId, general } = problemsByCriterion(broken, templateProblems(broken, 'key-evaluation'));
    expect(byId.get('1')?.map((p) => p.message.zh)).toEqual(['「指标1」下各项合计 45.00 分，应为 40.00 分']);
    expect(general).toEqual([]);
    const parentRaised = updateCriterion(broken, '1', { weight: '45' });
    expect(templateProblems(parentRaised, 'key-evaluation').map((p) => p.message.en)).toEqual(['the first-level criteria add up to 105.00, not 100']);
    expect(templateProblems(updateCriterion(updateCriterion(parentRaised, '2', { weight: '55' }), '2.1', { weight: '55' }), 'key-evaluation')).toEqual([]);
  });

  it('reads the server’s refusal fields by the criterion they name', () => {
    const { byId, general } = problemsByCriterion(TREE, [
      { path: 'body.criteria.3.weight', message: { zh: '', en: 'weight' } },
      { path: 'criteria', message: { zh: '', en: 'total' } },
    ]);
    expect([...byId.keys()]).toEqual(['2']);
    expect(general.map((p) => p.message.en)).toEqual(['total']);
  });
});
