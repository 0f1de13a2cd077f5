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
  /**
   * What it is about, as people name it: the form's department and project, the round's name — in
   * both languages when the naming has words of its own (`部门整体` / `department-wide`), so that an
   * English title never carries a Chinese template; names of things (a department) stay as they are.
   */
  readonly subject: string | { readonly zh: string; readonly en: string };
  /** The opinion or comment, when there is one. */
  readonly body?: string;
  /** The web app's page for it. */
  readonly link: string;
}

type Subject = { readonly zh: string; readonly en: string };

const TITLES: Record<NotificationKind, (s: Subject) => { zh: string; en: string }> = {
  'declaration-submitted': (s) => ({ zh: `${s.zh}已提交，待审核`, en: `${s.en} was submitted for review` }),
  'declaration-returned': (s) => ({ zh: `${s.zh}被退回修改`, en: `${s.en} was returned for revision` }),
  'declaration-approved': (s) => ({ zh: `${s.zh}已审核通过`, en: `${s.en} was approved` }),
  'declaration-published': (s) => ({ zh: `${s.zh}已公开`, en: `${s.en} was published` }),
  'declaration-comment': (s) => ({ zh: `${s.zh}有新的审核批注`, en: `A new comment on ${s.en}` }),
  'round-opened': (s) => ({ zh: `运行监控 ${s.zh} 已开启，请按期报送`, en: `Monitoring round ${s.en} is open: report by its due date` }),
  'report-overdue': (s) => ({ zh: `${s.zh}的监控表已逾期未报送，请尽快报送`, en: `The monitoring report on ${s.en} is overdue: please submit it` }),
  'report-submitted': (s) => ({ zh: `${s.zh}的监控表已提交，待审核`, en: `The monitoring report on ${s.en} was submitted` }),
  'report-returned': (s) => ({ zh: `${s.zh}的监控表被退回`, en: `The monitoring report on ${s.en} was returned` }),
  'report-accepted': (s) => ({ zh: `${s.zh}的监控表已审核`, en: `The monitoring report on ${s.en} was accepted` }),
  'evaluation-submitted': (s) => ({ zh: `${s.zh}的绩效自评已提交，待审核`, en: `The self-evaluation of ${s.en} was submitted` }),
  'evaluation-returned': (s) => ({ zh: `${s.zh}的绩效自评被退回`, en: `The self-evaluation of ${s.en} was returned` }),
  'evaluation-accepted': (s) => ({ zh: `${s.zh}的绩效自评已审核通过`, en: `The self-evaluation of ${s.en} was accepted` }),
};

/** Is it one of the kinds titled here? */
export function isKnownNotification(kind: string): kind is NotificationKind {
  return Object.hasOwn(TITLES, kind);
}

/** The notification's title in both languages (a kind of document's own notifications bring theirs). */
export function notificationTitle(event: Pick<NotificationEvent, 'kind' | 'subject'> & { readonly title?: { zh: string; en: string } | undefined }): { zh: string; en: string } {
  const subject = typeof event.subject === 'string' ? { zh: event.subject, en: event.subject } : event.subject;
  return isKnownNotification(event.kind) ? TITLES[event.kind](subject) : (event.title ?? subject);
}

/** A document as notifications name it: its department, its year and project (or that it is the department-wide one). */
export function documentSubject(departmentName: string, year: number, projectName: string | null, what: { zh: string; en: string } = { zh: '', en: '' }): Subject {
  return projectName !== null
    ? { zh: `${departmentName} ${year}年「${projectName}」${what.zh ? `项目${what.zh}` : ''}`, en: `${departmentName} ${year} "${projectName}"${what.en ? ` project ${what.en}` : ''}` }
    : { zh: `${departmentName} ${year}年部门整体${what.zh}`, en: `${departmentName} ${year} department-wide${what.en ? ` ${what.en}` : ''}` };
}

/** Who an event is for: the department that owns the document, or the reviewers of its region. */
export function audienceOf(kind: string): 'department' | 'reviewers' {
  return kind === 'declaration-submitted' || kind === 'report-submitted' || kind === 'evaluation-submitted' || kind.endsWith('-submitted') ? 'reviewers' : 'department';
}
