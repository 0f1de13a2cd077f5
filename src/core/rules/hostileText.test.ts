/**
 * Look-ups by user text must never reach Object.prototype: names such as `__proto__` or
 * `constructor` in any field of a declaration are ordinary text to the checker.
 */
import { describe, expect, it } from 'vitest';
import type { DepartmentTargetDeclaration } from '../declaration.ts';
import { checkDeclaration } from './checkDeclaration.ts';
import { exampleDeclaration, indicatorRow } from './exampleDeclaration.ts';

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__'];

function hostile(name: string): DepartmentTargetDeclaration {
  const d = exampleDeclaration();
  d.department = name;
  d.title = name;
  d.goals = [name, `${name}${name}`];
  d.otherTasks = [name];
  d.projects = [{ name, content: name, amount: '1.00', expectedOutcome: name }];
  d.indicators = [
    indicatorRow(name, name, name, name, name),
    indicatorRow('产出指标', name, name, `≥1${name}`, `≥1${name}`),
    indicatorRow(name, '数量指标', `${name}率`, `${name}`, '≥90%'),
  ];
  d.emptyLevel2 = [[name, name]];
  return d;
}

describe('the checker on prototype names as text', () => {
  for (const name of PROTOTYPE_NAMES) {
    it(`checks a declaration whose every field says ${name}`, () => {
      const findings = checkDeclaration(hostile(name));
      // The unknown classes are reported as such, like any other unknown text.
      expect(findings.filter((f) => f.rule === 'level2-misplaced').map((f) => f.path)).toEqual(['/indicators/0/level1', '/indicators/1/level2', '/indicators/2/level1']);
    });
  }
});
