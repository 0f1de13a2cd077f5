/**
 * A kind of document is a definition: plain data and pure functions that say what its content is
 * (schema), what is wrong with it (rules), what is computed from it, how it moves (workflow), who
 * takes part, what lists show of it and how it is printed. The store, the write path, the API and the
 * web app's document page are written once for every kind and read only this definition; adding a kind
 * is a folder beside the others and a line in `registry.ts`.
 */
import type { z } from 'zod';
import type { Finding } from '../core/rules/finding.ts';
import type { FormLayout } from '../layout/officialLayout.ts';
import type { Bilingual, Party, Refusal, WorkflowDefinition } from './workflow.ts';

/** Who is reading or saving, as a kind's `lock` and `redact` see them. */
export interface Viewer {
  /** null: the public. */
  readonly userId: string | null;
  readonly role: string | null;
  readonly parties: ReadonlySet<Party>;
  /** The people assigned to the document (a scorer's scores are theirs alone), for kinds that assign. */
  readonly assignees?: ReadonlySet<string>;
  /** The day of the save or read, YYYY-MM-DD, as the server knows it (a kind may print it: 填报日期). */
  readonly today?: string;
}

/** Every document's content names its kind. */
export interface KindContent {
  readonly kind: string;
}

/** Where a document sits: what the write path knows of it besides its content. */
export interface DocumentPlace {
  readonly id: string;
  readonly departmentId: string;
  readonly departmentName: string;
  readonly year: number;
  readonly state: string;
}

/**
 * The columns lists and dashboards sort, filter and count on, kept by the write path with every
 * version. Every kind fills what it has; the rest stays null. Exact decimals are strings.
 */
export interface SummaryColumns {
  readonly title: string | null;
  /** The project (or other subject) a document is about, for lists and uniqueness. */
  readonly subjectName: string | null;
  readonly subjectCode: string | null;
  /** Text the list's search looks in. */
  readonly searchText: string;
  /** The money it is about (万元): a form's total, a report's annual budget. */
  readonly amount: string | null;
  /** The money executed (万元), where a kind measures execution. */
  readonly executed: string | null;
  /** A score out of 100 and the grade it earns, where a kind is scored. */
  readonly score: string | null;
  readonly grade: string | null;
  /** A rate in percent (execution rate). */
  readonly rate: string | null;
  /** A traffic light and its rank for sorting (0 red first), where a kind has one. */
  readonly light: string | null;
  readonly lightRank: number | null;
  /** Something needs the bureau's attention (rectification advice is owed). */
  readonly flag: boolean;
  /** What lists show but never sort on (each report's three lights). Plain JSON. */
  readonly facts: Readonly<Record<string, unknown>>;
}

/** A file as a kind records it in its content when it is added. */
export interface AddedFile {
  readonly id: string;
  /** The item of the kind's checklist it answers (佐证材料清单). */
  readonly item: string;
  readonly criterion: string | null;
  readonly name: string;
}

/**
 * A kind whose documents take files (evidence): who adds and removes them while the document is
 * editable, and how its content records a file added or removed (each as a version of its own). The
 * bytes, limits, typing by bytes and audited downloads are the one file service's.
 */
export interface DocumentFiles<C> {
  /** May a person who is these parties to the document (with this role) add files? */
  readonly mayUpload: (parties: ReadonlySet<Party>, role: string) => boolean;
  /** The content once a file was added: the item it answers marked received. */
  readonly added: (content: C, file: AddedFile) => C;
  /** The content once a file was removed: its item missing again. */
  readonly removed: (content: C, fileId: string) => C;
}

/** The empty summary a kind starts from. */
export const EMPTY_SUMMARY: SummaryColumns = { title: null, subjectName: null, subjectCode: null, searchText: '', amount: null, executed: null, score: null, grade: null, rate: null, light: null, lightRank: null, flag: false, facts: {} };

/** What a kind's check is given besides the content. */
export interface CheckInput<S> {
  /** The kind's settings in force for the document's region. */
  readonly settings: S;
  /** Documents it is read with (a project form's department form, last year's form), loaded by the store. */
  readonly related: Readonly<Record<string, unknown>>;
  readonly place: DocumentPlace;
}

/**
 * The definition of one kind. `C` is its content, `S` its parsed region settings. Everything here is
 * pure: the store, the routes and the web app call it.
 */
export interface KindDefinition<C extends KindContent = KindContent, S = Readonly<Record<string, unknown>>> {
  /** The value of `content.kind`, and the kind's id everywhere (`?kind=` in the API). */
  readonly kind: string;
  /** Its full name (部门整体绩效目标申报表) and what messages call one (申报表). */
  readonly names: { readonly full: Bilingual; readonly short: Bilingual };
  /** The entity its audit entries name (kept from before the kinds were one module, so old entries still read). */
  readonly auditEntity: string;
  /** The audit action of a step (`create`, `update`, `comment`, a transition …): `declaration.update`. */
  readonly auditAction: (verb: string) => string;
  /** The notification a reviewer's comment sends its department, if any. */
  readonly commentNotification?: string;
  /** The web app's page of one document. */
  readonly pagePath: (id: string) => string;
  /** The canonical JSON of its content; every save is validated by it. */
  readonly schema: z.ZodType<C>;
  readonly workflow: WorkflowDefinition<C>;
  /** Who besides the department may make one: an admin of its region (bulk imports of published forms). */
  readonly adminMayCreate: boolean;
  /**
   * Who makes one (default: the department): the bureau's reviewers of the department's region open
   * documents about a department (an assessment of its project).
   */
  readonly creators?: readonly ('department' | 'oversight')[];
  /** Who may change the content (default: the department); what each may change is the kind's `lock`. */
  readonly editors?: readonly Party[];
  /** People are assigned to each document (experts, agencies): they see it, and take the steps given to `assignee`. */
  readonly assigns?: boolean;
  /** Who assigns them (default: the bureau's reviewers of the department's region). */
  readonly assigners?: readonly Party[];
  /** A draft never submitted may be deleted by its department. */
  readonly deletable: boolean;
  /** Autosaves of one sitting are kept as one version. */
  readonly autosave: boolean;
  /** Its settings from the region's (the nearest region that sets them wins). */
  readonly settings: (regionSettings: Readonly<Record<string, unknown>>) => S;
  /** What the server stamps on every save (the department and year; targets parsed again from their text). */
  readonly normalise: (content: C, place: DocumentPlace) => C;
  /**
   * What an editor may not change, taken from the stored version (the targets a report measures; the
   * scores of a scorer other than the one saving). `viewer` says who saves.
   */
  readonly lock?: (incoming: C, stored: C, viewer: Viewer) => C;
  /**
   * What a reader may not see of the content (the experts' draft scores, before the bureau releases
   * them to the department). Applied to every read of content: the document, its versions, its diff.
   */
  readonly redact?: (content: C, viewer: Viewer, state: string) => C;
  /** Why an edit cannot be taken at all (rows added to a report whose rows are its target's), if it cannot. */
  readonly refuseEdit?: (incoming: C, stored: C) => Refusal | null;
  /** The content as stored (computed fields written in: scores, lights) and its findings. */
  readonly check: (content: C, input: CheckInput<S>) => { readonly content: C; readonly findings: Finding[] };
  /** The columns lists sort and count on. */
  readonly summarize: (content: C, findings: readonly Finding[], place: DocumentPlace) => SummaryColumns;
  /** What a notification calls one document (海珠区财政局 2025年「项目」项目绩效目标). */
  readonly subject: (place: DocumentPlace, summary: Pick<SummaryColumns, 'subjectName'>) => Bilingual;
  /** What the document page shows beside the content that the content does not hold (lights recomputed, scores). */
  readonly present?: (content: C, input: CheckInput<S> & { readonly findings: readonly Finding[] }) => Readonly<Record<string, unknown>>;
  /** The official form, for the PDF, the Excel file and the print view. */
  readonly layout?: (content: C) => FormLayout;
  /** A new, empty document of a department and year, where one can be started empty. */
  readonly empty?: (place: Pick<DocumentPlace, 'departmentName' | 'year'>) => C;
  /** Is one document of this kind about another (a report on a target form)? Its subject's kinds. */
  readonly subjectKinds?: readonly string[];
  /**
   * Documents the store loads for `check` (`CheckInput.related`), by the names of its loaders:
   * `target-links` — a target form's department form and row, its project forms, last year's form;
   * `ex-ante` — a project form's concluded ex-ante assessment (`related.exAnte`);
   * `assessment-data` — the figures an assessment's formulas read (`related.data`: execution rates,
   * the department's ratios);
   * `rectification` — a project form's rectification items of earlier years left overdue
   * (`related.overdueRectifications`), read by the submit guard where the region blocks on them.
   * `proposal` — a continuing project's budget proposal from last year's results (`related.proposal`).
   */
  readonly relations?: readonly ('target-links' | 'ex-ante' | 'assessment-data' | 'rectification' | 'proposal')[];
  /** Its findings by rule family and its money by budget line are kept for the dashboards (target forms). */
  readonly dashboard?: boolean;
  /**
   * The bureau overviews its documents by year (self-evaluations): each department-year's counts by
   * state, grade and light and its money are kept (store/departmentYearOverview.ts) for that overview.
   */
  readonly yearOverview?: boolean;
  /** Its documents take files (evidence), recorded in the content as the kind says. */
  readonly files?: DocumentFiles<C>;
  /** Approved and published ones teach the indicator library (target forms). */
  readonly teachesLibrary?: boolean;
}

/** Any kind, as the registry holds them. */
export type AnyKind = KindDefinition<KindContent, unknown>;

/**
 * A kind as the registry holds it. The cast is sound where it is used: every function of a kind is
 * called only with content its own schema has validated, and with the settings its own `settings` made.
 */
export function defineKind<C extends KindContent, S>(definition: KindDefinition<C, S>): AnyKind {
  return definition as unknown as AnyKind;
}
