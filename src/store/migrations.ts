/**
 * Numbered migrations, applied in order at start (or by `jixiao db migrate`). Plain SQL that runs on
 * PostgreSQL 15 and on PGlite (PostgreSQL 18): no features newer than 15.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { storeDocumentFacts } from './documentFacts.ts';
import { refreshAllDepartmentYears } from './departmentYearSummary.ts';
import { refreshAllYearOverviews } from './departmentYearOverview.ts';
import { backfillSearchTokens } from './searchTokens.ts';
import type { TargetDocument } from '../core/document.ts';
import type { Finding } from '../core/rules/finding.ts';
import { COMMON_INDICATORS, libraryKey } from '../core/indicatorLibrary.ts';
import type { Database } from './schema.ts';

interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
  /** Fills what a new table keeps from what is stored (in the migration's transaction). */
  readonly backfill?: (trx: Transaction<Database>) => Promise<void>;
  /** A second step of the backfill, after the first (sums of what the first wrote). */
  readonly backfillAfter?: (trx: Transaction<Database>) => Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    statements: [
      `create table regions (
         id text primary key,
         name text not null,
         level text not null check (level in ('province', 'city', 'district', 'county')),
         parent_id text references regions(id)
       )`,
      `create table departments (
         id text primary key,
         region_id text not null references regions(id),
         name text not null,
         unique (region_id, name)
       )`,
      `create table users (
         id text primary key,
         username text not null unique,
         display_name text not null,
         role text not null check (role in ('editor', 'approver', 'reviewer', 'admin')),
         department_id text references departments(id),
         region_id text references regions(id),
         password_hash text not null,
         disabled boolean not null default false,
         created_at text not null
       )`,
      `create table sessions (
         id text primary key,
         user_id text not null references users(id),
         csrf_token text not null,
         created_at text not null,
         expires_at text not null
       )`,
      `create table api_tokens (
         id text primary key,
         user_id text not null references users(id),
         name text not null,
         token_hash text not null unique,
         created_at text not null
       )`,
      `create table declarations (
         id text primary key,
         department_id text not null references departments(id),
         year integer not null,
         state text not null check (state in ('draft', 'submitted', 'returned', 'approved', 'published')),
         current_version integer not null,
         title text,
         search_text text not null,
         budget_total numeric(20, 6),
         review_grade text check (review_grade in ('优', '良', '中', '差')),
         error_count integer not null default 0,
         warning_count integer not null default 0,
         created_at text not null,
         updated_at text not null,
         unique (department_id, year)
       )`,
      `create index declarations_by_year_state on declarations (year, state)`,
      `create index declarations_by_updated on declarations (updated_at desc, id)`,
      `create table declaration_versions (
         declaration_id text not null references declarations(id),
         version integer not null,
         content jsonb not null,
         findings jsonb not null,
         author_id text not null references users(id),
         created_at text not null,
         note text,
         primary key (declaration_id, version)
       )`,
      `create table review_comments (
         id text primary key,
         declaration_id text not null references declarations(id),
         path text not null,
         body text not null,
         author_id text not null references users(id),
         version integer not null,
         created_at text not null
       )`,
      `create index review_comments_by_declaration on review_comments (declaration_id, created_at)`,
      `create table audit_log (
         seq bigserial primary key,
         at text not null,
         actor_id text,
         action text not null,
         entity text not null,
         entity_id text,
         from_version integer,
         to_version integer,
         detail jsonb not null,
         prev_hash text not null,
         hash text not null
       )`,
    ],
  },
  {
    version: 2,
    name: 'reviews, tokens with expiry, demo accounts, archived departments, region settings, autosaves',
    statements: [
      // The latest review of a form is shown to its department: one row per review, not audit detail.
      `create table reviews (
         id text primary key,
         declaration_id text not null references declarations(id) on delete cascade,
         version integer not null,
         grade text not null check (grade in ('优', '良', '中', '差')),
         outcome text not null check (outcome in ('approved', 'returned')),
         opinion text,
         reviewer_id text not null references users(id),
         created_at text not null
       )`,
      `create index reviews_by_declaration on reviews (declaration_id, created_at desc)`,
      `insert into reviews (id, declaration_id, version, grade, outcome, opinion, reviewer_id, created_at)
         select 'audit-' || a.seq, a.entity_id, coalesce(a.to_version, 1), a.detail->>'grade',
                case when a.detail->>'grade' in ('优', '良') then 'approved' else 'returned' end,
                nullif(a.detail->>'reason', ''), a.actor_id, a.at
           from audit_log a
          where a.action = 'declaration.review' and a.actor_id is not null
            and exists (select 1 from declarations d where d.id = a.entity_id)
            and exists (select 1 from users u where u.id = a.actor_id)`,
      `alter table declarations add column submitted_at text`,
      `alter table declarations add column published_at text`,
      `update declarations d set submitted_at = (select min(a.at) from audit_log a where a.action = 'declaration.submit' and a.entity_id = d.id)`,
      `update declarations d set published_at = (select max(a.at) from audit_log a where a.action = 'declaration.publish' and a.entity_id = d.id) where d.state = 'published'`,
      `alter table declaration_versions add column autosave boolean not null default false`,
      `alter table api_tokens add column expires_at text`,
      `alter table api_tokens add column revoked_at text`,
      `alter table api_tokens add column last_used_at text`,
      `alter table users add column demo boolean not null default false`,
      `alter table departments add column archived_at text`,
      `alter table regions add column settings jsonb not null default '{}'::jsonb`,
      `create index audit_log_by_entity on audit_log (entity_id, seq)`,
    ],
  },
  {
    version: 3,
    name: 'the family of documents: project target forms beside department forms, the indicator library',
    statements: [
      `alter table declarations add column kind text not null default 'department-target' check (kind in ('department-target', 'project-target'))`,
      `alter table declarations add column project_name text`,
      `alter table declarations add column project_code text`,
      // The department form's project row a project form belongs to, as the user set it (null: matched by code, else by name).
      `alter table declarations add column project_row text`,
      // One department-wide form per department and year; many project forms, one per project name.
      `alter table declarations drop constraint declarations_department_id_year_key`,
      `create unique index declarations_one_department_form on declarations (department_id, year) where kind = 'department-target'`,
      `create unique index declarations_one_project_form on declarations (department_id, year, project_name) where kind = 'project-target' and project_name is not null`,
      `create index declarations_by_department_year on declarations (department_id, year, kind)`,
      `create table indicator_library (
         id text primary key,
         key text not null unique,
         name text not null,
         level1 text,
         level2 text,
         unit text,
         direction text check (direction in ('up', 'down', 'equal', 'qualitative')),
         builtin boolean not null default false,
         hidden boolean not null default false,
         merged_into text references indicator_library(id),
         updated_at text not null
       )`,
      `create table indicator_uses (
         entry_id text not null references indicator_library(id) on delete cascade,
         declaration_id text not null references declarations(id) on delete cascade,
         year integer not null,
         department_id text not null references departments(id),
         annual_target text not null,
         primary key (entry_id, declaration_id, annual_target)
       )`,
      `create index indicator_uses_by_declaration on indicator_uses (declaration_id)`,
      `alter table indicator_library add column use_count integer not null default 0`,
      // Bumped by every write to the library: each server process reloads its look-up index when it changes.
      `create table indicator_library_state (id integer primary key check (id = 1), generation bigint not null)`,
      `insert into indicator_library_state (id, generation) values (1, 1)`,
      // The built-in list as of this migration; later additions come in migrations of their own.
      ...COMMON_INDICATORS.map(
        (e, i) =>
          `insert into indicator_library (id, key, name, level1, level2, unit, direction, builtin, hidden, merged_into, updated_at, use_count)
           values ('builtin-${i + 1}', ${quote(libraryKey(e.name, e.level2))}, ${quote(e.name)}, ${quote(e.level1)}, ${quote(e.level2)}, ${quote(e.unit)}, ${quote(e.direction)}, true, false, null, '2026-12-01T00:00:00.000Z', 0)`,
      ),
    ],
  },
  {
    version: 4,
    name: 'in-year monitoring: rounds, reports on approved targets, their versions and comments',
    statements: [
      `create table monitoring_rounds (
         id text primary key,
         region_id text not null references regions(id),
         year integer not null,
         name text not null,
         through text not null,
         due text not null,
         created_by text not null,
         created_at text not null,
         unique (region_id, year, through)
       )`,
      `create table monitoring_reports (
         id text primary key,
         round_id text not null references monitoring_rounds(id),
         department_id text not null references departments(id),
         target_id text not null references declarations(id),
         target_kind text not null check (target_kind in ('department-target', 'project-target')),
         target_version integer not null,
         project_name text,
         state text not null check (state in ('draft', 'submitted', 'returned', 'accepted')),
         current_version integer not null,
         light_budget text check (light_budget in ('red', 'yellow', 'green', 'blue')),
         light_indicators text check (light_indicators in ('red', 'yellow', 'green', 'blue')),
         light_overall text check (light_overall in ('red', 'yellow', 'green', 'blue')),
         -- 0 red … 3 blue, 4 none: the round page sorts red first on an index.
         light_rank integer not null default 4,
         budget_annual numeric,
         budget_executed numeric,
         error_count integer not null default 0,
         rectification_needed boolean not null default false,
         created_at text not null,
         updated_at text not null,
         submitted_at text,
         accepted_at text,
         unique (round_id, target_id)
       )`,
      `create index monitoring_reports_by_round on monitoring_reports (round_id, light_rank, department_id)`,
      `create index monitoring_reports_by_department on monitoring_reports (department_id, round_id)`,
      `create table monitoring_report_versions (
         report_id text not null references monitoring_reports(id),
         version integer not null,
         content jsonb not null,
         findings jsonb not null,
         author_id text not null,
         created_at text not null,
         note text,
         primary key (report_id, version)
       )`,
      `create table monitoring_comments (
         id text primary key,
         report_id text not null references monitoring_reports(id),
         path text not null,
         body text not null,
         author_id text not null,
         version integer not null,
         created_at text not null
       )`,
      `create index monitoring_comments_by_report on monitoring_comments (report_id, created_at)`,
    ],
  },
  {
    version: 5,
    name: 'year-end self-evaluations of approved targets, their versions and comments',
    statements: [
      `create table self_evaluations (
         id text primary key,
         department_id text not null references departments(id),
         target_id text not null unique references declarations(id),
         target_kind text not null check (target_kind in ('department-target', 'project-target')),
         target_version integer not null,
         year integer not null,
         project_name text,
         state text not null check (state in ('draft', 'submitted', 'returned', 'accepted', 'published')),
         current_version integer not null,
         total numeric,
         grade text check (grade in ('优', '良', '中', '差')),
         execution_rate numeric,
         budget_annual numeric,
         budget_executed numeric,
         error_count integer not null default 0,
         created_at text not null,
         updated_at text not null,
         submitted_at text,
         accepted_at text,
         published_at text
       )`,
      `create index self_evaluations_by_year on self_evaluations (year, department_id)`,
      `create index self_evaluations_by_year_total on self_evaluations (year, total)`,
      `create table self_evaluation_versions (
         evaluation_id text not null references self_evaluations(id),
         version integer not null,
         content jsonb not null,
         findings jsonb not null,
         author_id text not null,
         created_at text not null,
         note text,
         primary key (evaluation_id, version)
       )`,
      `create table self_evaluation_comments (
         id text primary key,
         evaluation_id text not null references self_evaluations(id),
         path text not null,
         body text not null,
         author_id text not null,
         version integer not null,
         created_at text not null
       )`,
      `create index self_evaluation_comments_by_evaluation on self_evaluation_comments (evaluation_id, created_at)`,
    ],
  },
  {
    version: 6,
    name: 'notifications: a message for everyone an event asks to act',
    statements: [
      `create table notifications (
         id text primary key,
         user_id text not null references users(id),
         kind text not null,
         title_zh text not null,
         title_en text not null,
         body text not null default '',
         link text not null,
         created_at text not null,
         read_at text
       )`,
      `create index notifications_by_user on notifications (user_id, created_at desc)`,
      `create index notifications_unread on notifications (user_id) where read_at is null`,
    ],
  },
  {
    version: 7,
    name: 'dashboards, background jobs and notifications outside the app: findings by family and money by budget line per form, jobs and their items, e-mail addresses, deliveries, overdue notices',
    statements: [
      `create table declaration_findings (
         declaration_id text not null references declarations(id) on delete cascade,
         family text not null,
         severity text not null,
         n integer not null,
         primary key (declaration_id, family, severity)
       )`,
      `create table declaration_budget_lines (
         declaration_id text not null references declarations(id) on delete cascade,
         line text not null,
         amount numeric(16, 2) not null,
         primary key (declaration_id, line)
       )`,
      // The list filtered by year, kind and state and shown newest first reads its page in order.
      `create index declarations_by_year_kind_state on declarations (year, kind, state, updated_at desc, id)`,
      `create index declarations_by_year_errors on declarations (year, error_count desc, id)`,
      `create table jobs (
         id text primary key,
         kind text not null,
         state text not null,
         created_by text not null references users(id),
         input jsonb not null,
         total integer not null default 0,
         done integer not null default 0,
         failed integer not null default 0,
         result jsonb,
         error text,
         created_at text not null,
         started_at text,
         finished_at text,
         locked_by text,
         locked_until text,
         output bytea
       )`,
      `create index jobs_waiting on jobs (created_at) where state in ('queued', 'running')`,
      `create index jobs_by_creator on jobs (created_by, created_at desc)`,
      `create table job_items (
         job_id text not null references jobs(id) on delete cascade,
         seq integer not null,
         label text not null,
         payload jsonb,
         state text not null,
         error jsonb,
         outcome jsonb,
         primary key (job_id, seq)
       )`,
      `create index job_items_pending on job_items (job_id, seq) where state = 'pending'`,
      // Notifications outside the app: each is fanned out once to the channels configured, each
      // delivery retried on its own; those stored before there were channels are not sent.
      `alter table users add column email text`,
      `alter table notifications add column fanned_out boolean not null default false`,
      `update notifications set fanned_out = true`,
      `create index notifications_to_fan_out on notifications (created_at) where not fanned_out`,
      `create table notification_deliveries (
         id text primary key,
         notification_id text not null references notifications(id) on delete cascade,
         channel text not null,
         state text not null,
         attempts integer not null default 0,
         next_at text not null,
         locked_until text,
         last_error text,
         sent_at text,
         unique (notification_id, channel)
       )`,
      `create index notification_deliveries_due on notification_deliveries (next_at) where state in ('pending', 'sending')`,
      `alter table monitoring_reports add column overdue_notified_at text`,
      // Each department's year summed up for dashboards over a province (store/departmentYearSummary.ts).
      `create table department_year_forms (
         department_id text not null references departments(id),
         year integer not null,
         kind text not null,
         state text not null,
         forms integer not null,
         errors integer not null,
         budget numeric(16, 2) not null,
         primary key (department_id, year, kind, state)
       )`,
      `create table department_year_findings (
         department_id text not null references departments(id),
         year integer not null,
         family text not null,
         severity text not null,
         n integer not null,
         forms integer not null,
         primary key (department_id, year, family, severity)
       )`,
      `create table department_year_lines (
         department_id text not null references departments(id),
         year integer not null,
         kind text not null,
         line text not null,
         amount numeric(16, 2) not null,
         primary key (department_id, year, kind, line)
       )`,
      `create index department_year_forms_by_year on department_year_forms (year)`,
      `create index department_year_findings_by_year on department_year_findings (year)`,
      `create index department_year_lines_by_year on department_year_lines (year)`,
    ],
    backfill: async (trx) => {
      await searchIndex(trx, 'declarations');
      // Every stored form's current version, once, in pages: later saves keep the rows themselves.
      // Written against the tables as they were named then (migration 10 renames them).
      let after = '';
      for (;;) {
        const page = await sql<{ id: string; content: TargetDocument; findings: Finding[] }>`
          select d.id, v.content, v.findings from declarations d
            join declaration_versions v on v.declaration_id = d.id and v.version = d.current_version
           where d.id > ${after} order by d.id limit 500`.execute(trx);
        if (page.rows.length === 0) return;
        for (const row of page.rows) await storeDocumentFacts(trx, row.id, row.content, row.findings);
        after = page.rows[page.rows.length - 1]?.id ?? after;
      }
    },
    // The department-year sums are made by migration 10, over the tables as they are from then on.
  },
  {
    version: 8,
    name: "a bulk import's files kept as bytes (bytea), not as base64 text inside the item's JSON",
    statements: [
      `alter table job_items add column data bytea`,
      // Items of imports queued before: their base64 becomes bytes, their JSON keeps the file's name.
      `update job_items set data = decode(payload->>'data', 'base64'), payload = payload - 'data' where jsonb_typeof(payload) = 'object' and payload ? 'data'`,
    ],
  },
  {
    version: 9,
    name: "the forms list's search by index terms: each form's bigrams as a tsvector with a GIN index, on both stores",
    statements: [`alter table declarations add column search_tokens tsvector not null default ''`],
    backfill: async (trx) => {
      // Every stored form's terms from its search text, a page at a time; the index is built after,
      // in one pass (faster than growing it row by row). Later saves keep the column themselves.
      // Written against the table as it was named then (migration 10 renames it).
      await backfillSearchTokens(trx, 'declarations', sql``);
      await sql`create index declarations_search_tokens on declarations using gin (search_tokens)`.execute(trx);
    },
  },
  {
    version: 10,
    name: 'one store for every kind of document: target forms, monitoring reports and self-evaluations in documents, document_versions, document_comments and document_reviews',
    statements: [
      `alter table declarations rename to documents`,
      `alter table declaration_versions rename to document_versions`,
      `alter table document_versions rename column declaration_id to document_id`,
      `alter table review_comments rename to document_comments`,
      `alter table document_comments rename column declaration_id to document_id`,
      `alter table reviews rename to document_reviews`,
      `alter table document_reviews rename column declaration_id to document_id`,
      // Kinds and their states are the registry's (src/kinds), not the table's.
      `alter table documents drop constraint declarations_kind_check`,
      `alter table documents drop constraint declarations_state_check`,
      // Versions made by the system (a report prefilled when its round opened) have no user as author.
      `alter table document_versions drop constraint declaration_versions_author_id_fkey`,
      // What a document is about (a report's target form), and what holds it (a report's round).
      `alter table documents add column target_id text`,
      `alter table documents add column target_kind text`,
      `alter table documents add column target_version integer`,
      `alter table documents add column parent_id text`,
      // When the bureau decided (approved, returned or accepted), and when its department was reminded.
      `alter table documents add column decided_at text`,
      `alter table documents add column reminded_at text`,
      // The summary columns every kind fills as it can (kinds/kindDefinition.ts, SummaryColumns).
      `alter table documents add column budget_executed numeric(20, 6)`,
      `alter table documents add column score numeric`,
      `alter table documents add column grade text`,
      `alter table documents add column rate numeric`,
      `alter table documents add column light text`,
      `alter table documents add column light_rank integer`,
      `alter table documents add column flag boolean not null default false`,
      `alter table documents add column facts jsonb not null default '{}'::jsonb`,
      // Monitoring reports, every row and version and comment, as documents of their kind.
      `insert into documents (id, kind, department_id, year, state, current_version, title, search_text, budget_total, review_grade, error_count, warning_count,
                              created_at, updated_at, submitted_at, published_at, project_name, project_code, project_row,
                              target_id, target_kind, target_version, parent_id, decided_at, reminded_at, budget_executed, score, grade, rate, light, light_rank, flag, facts)
         select r.id, 'monitoring-report', r.department_id, o.year, r.state, r.current_version, v.content->>'title', concat_ws(chr(10), d.name, coalesce(r.project_name, '')),
                r.budget_annual, null, r.error_count, 0, r.created_at, r.updated_at, r.submitted_at, null, r.project_name, null, null,
                r.target_id, r.target_kind, r.target_version, r.round_id, r.accepted_at, r.overdue_notified_at, r.budget_executed, null, null,
                case when r.budget_annual > 0 and r.budget_executed is not null then round(r.budget_executed / r.budget_annual * 100, 2) end,
                r.light_overall, r.light_rank, r.rectification_needed,
                jsonb_build_object('lights', jsonb_build_object('budget', r.light_budget, 'indicators', r.light_indicators, 'overall', r.light_overall), 'targetKind', r.target_kind)
           from monitoring_reports r
           join monitoring_rounds o on o.id = r.round_id
           join departments d on d.id = r.department_id
           left join monitoring_report_versions v on v.report_id = r.id and v.version = r.current_version`,
      `insert into document_versions (document_id, version, content, findings, author_id, created_at, note, autosave)
         select report_id, version, content, findings, author_id, created_at, note, false from monitoring_report_versions`,
      `insert into document_comments (id, document_id, path, body, author_id, version, created_at)
         select id, report_id, path, body, author_id, version, created_at from monitoring_comments`,
      // Self-evaluations likewise.
      `insert into documents (id, kind, department_id, year, state, current_version, title, search_text, budget_total, review_grade, error_count, warning_count,
                              created_at, updated_at, submitted_at, published_at, project_name, project_code, project_row,
                              target_id, target_kind, target_version, parent_id, decided_at, reminded_at, budget_executed, score, grade, rate, light, light_rank, flag, facts)
         select e.id, 'self-evaluation', e.department_id, e.year, e.state, e.current_version, v.content->>'title', concat_ws(chr(10), d.name, coalesce(e.project_name, '')),
                e.budget_annual, null, e.error_count, 0, e.created_at, e.updated_at, e.submitted_at, e.published_at, e.project_name, null, null,
                e.target_id, e.target_kind, e.target_version, null, e.accepted_at, null, e.budget_executed, e.total, e.grade, e.execution_rate, null, null, false,
                jsonb_build_object('targetKind', e.target_kind)
           from self_evaluations e
           join departments d on d.id = e.department_id
           left join self_evaluation_versions v on v.evaluation_id = e.id and v.version = e.current_version`,
      `insert into document_versions (document_id, version, content, findings, author_id, created_at, note, autosave)
         select evaluation_id, version, content, findings, author_id, created_at, note, false from self_evaluation_versions`,
      `insert into document_comments (id, document_id, path, body, author_id, version, created_at)
         select id, evaluation_id, path, body, author_id, version, created_at from self_evaluation_comments`,
      `drop table monitoring_comments`,
      `drop table monitoring_report_versions`,
      `drop table monitoring_reports`,
      `drop table self_evaluation_comments`,
      `drop table self_evaluation_versions`,
      `drop table self_evaluations`,
      // A report per round and target form; a self-evaluation per target form.
      `create unique index documents_one_report on documents (parent_id, target_id) where kind = 'monitoring-report'`,
      `create unique index documents_one_evaluation on documents (target_id) where kind = 'self-evaluation'`,
      // The round page sorts a round's reports red first.
      `create index documents_by_parent on documents (parent_id, light_rank, department_id) where parent_id is not null`,
      `create index documents_by_target on documents (target_id) where target_id is not null`,
      `create index documents_by_kind_year on documents (kind, year, department_id)`,
      // People assigned to a document (experts and agencies scoring an assessment), with the role they have in it.
      `create table document_assignments (
         document_id text not null references documents(id) on delete cascade,
         user_id text not null references users(id),
         role text not null,
         assigned_by text not null,
         assigned_at text not null,
         primary key (document_id, user_id)
       )`,
      `create index document_assignments_by_user on document_assignments (user_id)`,
      // Deferred: a restore loads documents in any order, a report before the form it is about. Added
      // last: rows inserted under a deferred key leave trigger events that stop an index being made.
      `alter table documents add constraint documents_target_id_fkey foreign key (target_id) references documents(id) deferrable initially deferred`,
    ],
    // The reports and self-evaluations moved in are searched like every document (migration 9's index terms).
    backfill: (trx) => backfillSearchTokens(trx, 'documents', sql`and kind in ('monitoring-report', 'self-evaluation')`),
    backfillAfter: refreshAllDepartmentYears,
  },
  {
    version: 11,
    name: "the finance bureau's assessments: experts and agencies as roles, templates by region and year, evidence files, 抽评 draws, a department's yearly figures",
    statements: [
      `alter table users drop constraint users_role_check`,
      `alter table users add constraint users_role_check check (role in ('editor', 'approver', 'reviewer', 'admin', 'expert', 'agency'))`,
      `create table assessment_templates (
         id text primary key,
         key text not null,
         region_id text not null references regions(id),
         year integer not null,
         version integer not null,
         name text not null,
         purpose text not null,
         criteria jsonb not null,
         based_on text,
         used_at text,
         created_by text not null,
         created_at text not null,
         updated_at text not null,
         unique (region_id, key, year, version)
       )`,
      `create table assessment_files (
         id text primary key,
         document_id text not null references documents(id) on delete cascade,
         criterion text,
         item text not null,
         name text not null,
         content_type text not null,
         size integer not null default 0,
         sha256 text,
         complete boolean not null default false,
         uploaded_by text not null,
         uploaded_at text not null
       )`,
      `create index assessment_files_by_document on assessment_files (document_id)`,
      // Bytes in chunks: an upload streams in and a download streams out, a chunk at a time.
      `create table assessment_file_chunks (
         file_id text not null references assessment_files(id) on delete cascade,
         seq integer not null,
         data bytea not null,
         primary key (file_id, seq)
       )`,
      `create table assessment_samples (
         id text primary key,
         region_id text not null references regions(id),
         year integer not null,
         seed text not null,
         counts jsonb not null,
         candidates jsonb not null,
         drawn jsonb not null,
         template text,
         created_by text not null,
         created_at text not null
       )`,
      `create table department_year_figures (
         department_id text not null references departments(id),
         year integer not null,
         establishment integer,
         staff integer,
         three_public numeric(20, 6),
         three_public_last numeric(20, 6),
         updated_by text not null,
         updated_at text not null,
         primary key (department_id, year)
       )`,
      `create index documents_assessment_target on documents (target_id) where kind = 'assessment'`,
    ],
  },
  {
    version: 12,
    name: "results that change money: a region's rules by year (a version per save), the bureau's exceptions with their reasons, approved proposal tables",
    statements: [
      // kind: 'proposal' (results → next year's amount) or 'league' (the 预算管理综合考核's weights).
      `create table result_rules (
         id text primary key,
         region_id text not null references regions(id),
         year integer not null,
         kind text not null check (kind in ('proposal', 'league')),
         version integer not null,
         rules jsonb not null,
         created_by text not null,
         created_at text not null,
         unique (region_id, year, kind, version)
       )`,
      // The latest per project counts; earlier ones stay as the history of the adjustment.
      `create table result_exceptions (
         id text primary key,
         region_id text not null references regions(id),
         year integer not null,
         project_key text not null,
         department_id text not null references departments(id),
         amount numeric(20, 6) not null check (amount >= 0),
         reason text not null check (btrim(reason) <> ''),
         created_by text not null,
         created_at text not null
       )`,
      `create index result_exceptions_by_year on result_exceptions (region_id, year, project_key, created_at)`,
      `create table result_approvals (
         id text primary key,
         region_id text not null references regions(id),
         year integer not null,
         rules_version integer,
         row_count integer not null,
         total numeric(20, 6) not null,
         approved_by text not null,
         approved_at text not null
       )`,
    ],
  },
  {
    version: 13,
    name: 'results that are followed up: why a project form is not published (非公开原因), and the rectification ledger found by department, deadline and project',
    statements: [
      `create table disclosure_reasons (
         document_id text primary key references documents(id) on delete cascade,
         reason text not null,
         recorded_by text not null,
         recorded_at text not null
       )`,
      // The ledger (kind 'rectification') is read by department and deadline: lists, overdue notices, the next-year guard.
      `create index documents_rectification on documents (department_id, project_name) where kind = 'rectification'`,
    ],
  },
  {
    version: 14,
    name: "the forms list searched as fast as before the one store: a short pending list for the search's index terms",
    statements: [
      // New index terms wait in the GIN index's pending list (up to 4 MB by default) until a vacuum:
      // every search reads all of it, and the planner, costing it, turns to reading every form's terms
      // (a search for 第42 in 10,000 forms: 0.8 → 15 ms). A quarter of a megabyte bounds both; a save
      // still adds its terms to the list, not to the index (off, a save's terms took 9 ms instead of 2).
      `alter index declarations_search_tokens set (gin_pending_list_limit = 256)`,
      `select gin_clean_pending_list('declarations_search_tokens'::regclass)`,
    ],
  },
  {
    version: 15,
    name: "the year's self-evaluation overview summed per department, as fast as before the one store",
    statements: [
      // One row per kind, department and year (store/departmentYearOverview.ts), kept by the write path.
      `create table department_year_overview (
         kind text not null,
         department_id text not null references departments(id),
         year integer not null,
         cells jsonb not null,
         shown integer not null,
         annual numeric(16, 2),
         executed numeric(16, 2),
         primary key (kind, year, department_id)
       )`,
      // The overview's page, lowest total or execution first: read in that order up to the page's 50
      // rows rather than every self-evaluation of the year sorted (ties by department name sort within a total).
      `create index documents_evaluation_score on documents (year, score) where kind = 'self-evaluation'`,
      `create index documents_evaluation_rate on documents (year, rate) where kind = 'self-evaluation'`,
    ],
    // The kinds whose overview is by year when this migration was written (the registry's `yearOverview`).
    backfill: (trx) => refreshAllYearOverviews(trx, ['self-evaluation']),
  },
];

/**
 * On a PostgreSQL server with pg_trgm (part of Debian's PostgreSQL), a trigram index makes the list's
 * search (`like '%…%'`) an index scan. Tried under a savepoint: without the extension, or without the
 * right to create it (and on PGlite, which does not load it), the search scans as before.
 */
async function searchIndex(trx: Transaction<Database>, table: string): Promise<void> {
  const available = await sql<{ n: number }>`select count(*)::int as n from pg_available_extensions where name = 'pg_trgm'`.execute(trx);
  if ((available.rows[0]?.n ?? 0) === 0) return;
  await sql`savepoint search_index`.execute(trx);
  try {
    // In public, once per database: several schemas (installations) share it.
    await sql`create extension if not exists pg_trgm schema public`.execute(trx);
    await sql.raw(`create index declarations_search_trgm on ${table} using gin (search_text public.gin_trgm_ops)`).execute(trx);
    await sql`release savepoint search_index`.execute(trx);
  } catch {
    await sql`rollback to savepoint search_index`.execute(trx);
  }
}

/** A SQL string literal (the built-in library's rows are written into the migration). */
function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Applies every migration not yet applied, each in its own transaction, in the list's order; returns
 * those applied. A number missing from a store (a gap: migration 9 applied before an 8 merged later)
 * is applied when it appears. `upTo` stops at a version (tests of a migration's backfill).
 */
export async function migrateToLatest(db: Kysely<Database>, upTo = Infinity): Promise<number[]> {
  await sql`create table if not exists schema_migrations (version integer primary key, name text not null, applied_at text not null)`.execute(db);
  const done = await sql<{ version: number }>`select version from schema_migrations`.execute(db);
  const applied = new Set(done.rows.map((r) => Number(r.version)));
  const ran: number[] = [];
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version) || migration.version > upTo) continue;
    await db.transaction().execute(async (trx) => {
      for (const statement of migration.statements) await sql.raw(statement).execute(trx);
      await migration.backfill?.(trx);
      await migration.backfillAfter?.(trx);
      await sql`insert into schema_migrations (version, name, applied_at) values (${migration.version}, ${migration.name}, ${new Date().toISOString()})`.execute(trx);
    });
    ran.push(migration.version);
  }
  return ran;
}
