/**
 * What a notification says: for every event that asks someone to act (a form submitted, returned with
 * its opinion, approved, published; a monitoring round opened; a report or self-evaluation returned or
 * accepted; a comment on one's form), its bilingual title and the page it opens (a report left unsubmitted past its due date too). Pure: who receives it
 * is the store's question (server/services/notifications.ts).
 */

export type NotificationKind =
  | 'declaration-submitted'
  | 'declaration-returned'
  | 'declaration-approved'
  | 'declaration-published'
  | 'declaration-comment'
  | 'round-opened'
  | 'report-overdue'
  | 'report-submitted'
  | 'report-returned'
  | 'report-accepted'
  | 'evaluation-submitted'
  | 'evaluation-returned'
  | 'evaluation-accepted';

export interface NotificationEvent {
  /** One of the known kinds, or a kind of document's own (`<kind>-<transition>`), titled by `title`. */
  readonly kind: NotificationKind | (string & {});
  /** What it is about, as people name it: the form's department and project, the round's name. */
  readonly subject: string;
  /** The opinion or comment, when there is one. */
  readonly body?: string;
  /** The web app's page for it. */
  readonly link: string;
}

const TITLES: Record<NotificationKind, (subject: string) => { zh: string; en: string }> = {
  'declaration-submitted': (s) => ({ zh: `${s}已提交，待审核`, en: `${s} was submitted for review` }),
  'declaration-returned': (s) => ({ zh: `${s}被退回修改`, en: `${s} was returned for revision` }),
  'declaration-approved': (s) => ({ zh: `${s}已审核通过`, en: `${s} was approved` }),
  'declaration-published': (s) => ({ zh: `${s}已公开`, en: `${s} was published` }),
  'declaration-comment': (s) => ({ zh: `${s}有新的审核批注`, en: `A new comment on ${s}` }),
  'round-opened': (s) => ({ zh: `运行监控 ${s} 已开启，请按期报送`, en: `Monitoring round ${s} is open: report by its due date` }),
  'report-overdue': (s) => ({ zh: `${s}的监控表已逾期未报送，请尽快报送`, en: `The monitoring report on ${s} is overdue: please submit it` }),
  'report-submitted': (s) => ({ zh: `${s}的监控表已提交，待审核`, en: `The monitoring report on ${s} was submitted` }),
  'report-returned': (s) => ({ zh: `${s}的监控表被退回`, en: `The monitoring report on ${s} was returned` }),
  'report-accepted': (s) => ({ zh: `${s}的监控表已审核`, en: `The monitoring report on ${s} was accepted` }),
  'evaluation-submitted': (s) => ({ zh: `${s}的绩效自评已提交，待审核`, en: `The self-evaluation of ${s} was submitted` }),
  'evaluation-returned': (s) => ({ zh: `${s}的绩效自评被退回`, en: `The self-evaluation of ${s} was returned` }),
  'evaluation-accepted': (s) => ({ zh: `${s}的绩效自评已审核通过`, en: `The self-evaluation of ${s} was accepted` }),
};

/** Is it one of the kinds titled here? */
export function isKnownNotification(kind: string): kind is NotificationKind {
  return Object.hasOwn(TITLES, kind);
}

/** The notification's title in both languages (a kind of document's own notifications bring theirs). */
export function notificationTitle(event: Pick<NotificationEvent, 'kind' | 'subject'> & { readonly title?: { zh: string; en: string } | undefined }): { zh: string; en: string } {
  return isKnownNotification(event.kind) ? TITLES[event.kind](event.subject) : (event.title ?? { zh: event.subject, en: event.subject });
}

/** Who an event is for: the department that owns the document, or the reviewers of its region. */
export function audienceOf(kind: string): 'department' | 'reviewers' {
  return kind === 'declaration-submitted' || kind === 'report-submitted' || kind === 'evaluation-submitted' || kind.endsWith('-submitted') ? 'reviewers' : 'department';
}
