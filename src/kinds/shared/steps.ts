/**
 * The steps most workflows share, as builders a kind's definition calls: the department's approver
 * submits (refused while errors the kind names stay open), the bureau returns with a reason or accepts,
 * the department publishes. A kind adds what is its own (a guard, a revision, a notification).
 */
import type { Finding } from '../../core/rules/finding.ts';
import type { Bilingual, Refusal, TransitionDefinition } from '../workflow.ts';

const NAMES = {
  submit: { verb: { zh: '提交', en: 'submit' }, done: { zh: '已提交', en: 'submitted' } },
  return: { verb: { zh: '退回', en: 'return' }, done: { zh: '已退回', en: 'returned' } },
  accept: { verb: { zh: '审核通过', en: 'accept' }, done: { zh: '已审核', en: 'accepted' } },
  publish: { verb: { zh: '公开', en: 'publish' }, done: { zh: '已公开', en: 'published' } },
} as const;

/** The refusal of a step while some findings stay open: how many, the first three, each as a field. */
export function openFindings(code: string, noun: Bilingual, what: Bilingual, open: readonly Finding[]): Refusal | null {
  if (open.length === 0) return null;
  return {
    status: 422,
    code,
    message: { zh: `${noun.zh}还有 ${open.length} 处${what.zh}：${open.slice(0, 3).map((f) => f.message.zh).join('；')}`, en: `the ${noun.en} has ${open.length} things ${what.en}: ${open.slice(0, 3).map((f) => f.message.en).join('; ')}` },
    fields: open.map((f) => ({ field: `content${f.path.replaceAll('/', '.')}`, message: f.message.en })),
    details: { findings: open },
  };
}

/** The department's approver submits a draft or a returned document. */
export function submitStep<C>(extra: Partial<TransitionDefinition<C>> = {}): TransitionDefinition<C> {
  return { action: 'submit', names: NAMES.submit, from: ['draft', 'returned'], to: 'submitted', by: ['department-approver'], stamp: 'submitted', ...extra };
}

/** The bureau sends a submitted document back; the reason becomes a comment and the department is told. */
export function returnStep<C>(noun: Bilingual, extra: Partial<TransitionDefinition<C>> = {}): TransitionDefinition<C> {
  return {
    action: 'return',
    names: NAMES.return,
    from: ['submitted'],
    to: 'returned',
    by: ['oversight'],
    reasonRequired: true,
    reasonMessage: { zh: '退回时须写明退回意见', en: `returning a ${noun.en} needs a reason` },
    reasonComment: () => '【退回意见】',
    ...extra,
  };
}

/** The bureau accepts a submitted document. */
export function acceptStep<C>(extra: Partial<TransitionDefinition<C>> = {}): TransitionDefinition<C> {
  return { action: 'accept', names: NAMES.accept, from: ['submitted'], to: 'accepted', by: ['oversight'], stamp: 'decided', ...extra };
}

/** The department's approver publishes what the bureau approved or accepted. */
export function publishStep<C>(from: string, extra: Partial<TransitionDefinition<C>> = {}): TransitionDefinition<C> {
  return { action: 'publish', names: NAMES.publish, from: [from], to: 'published', by: ['department-approver'], stamp: 'published', ...extra };
}

/** A kind's settings parsed from the region's (validated when saved): the defaults where a store edited by hand holds something else. */
export function withDefaults<P extends (json: unknown) => { ok: boolean }>(parse: P, json: unknown): Extract<ReturnType<P>, { ok: true }> {
  const parsed = parse(json ?? {});
  return (parsed.ok ? parsed : parse({})) as Extract<ReturnType<P>, { ok: true }>;
}
