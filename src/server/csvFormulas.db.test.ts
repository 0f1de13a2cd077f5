/**
 * Every CSV the product writes, downloaded as a user would: a project, indicator, department or user
 * named as a formula reaches the spreadsheet as text; a negative amount stays a number.
 */
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectTargetDeclaration as ProjectTarget } from '../core/projectTarget.ts';
import { ApiClient } from './testing/apiClient.ts';
import { STORE_KINDS } from './testing/testStores.ts';
import { startTestApp, type TestApp } from './testing/testApp.ts';
import type { JobView } from './jobs/jobs.ts';

const LINK = '=HYPERLINK("http://x.example/","y")';
const text = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);

// The defusing is the same code on every store: the embedded one is enough.
describe.each(STORE_KINDS.slice(0, 1))('CSV downloads on the %s store', (_name, open) => {
  let t: TestApp;
  let projectFormId: string;

  beforeAll(async () => {
    t = await startTestApp(open, { family: true, jobs: true });
    // A published project form whose text a hostile department typed (stored as the write path would keep it).
    const row = await t.store.db
      .selectFrom('documents')
      .innerJoin('document_versions', (join) => join.onRef('document_versions.document_id', '=', 'documents.id').onRef('document_versions.version', '=', 'documents.current_version'))
      .select(['documents.id', 'documents.current_version', 'document_versions.content'])
      .where('documents.state', '=', 'published')
      .where('documents.kind', '=', 'project-target')
      .orderBy('documents.id')
      .executeTakeFirstOrThrow();
    projectFormId = row.id;
    const form = row.content as ProjectTarget;
    const hostile: ProjectTarget = {
      ...form,
      title: '@SUM(1)',
      project: { ...form.project, name: LINK, content: '+1+1' },
      funds: { ...form.funds, other: '-2.50' },
      indicators: form.indicators.map((indicator, i) => (i === 0 ? { ...indicator, name: '-2+3', level2: '\t=1+1' } : indicator)),
    };
    await t.store.db.updateTable('document_versions').set({ content: JSON.stringify(hostile) }).where('document_id', '=', row.id).where('version', '=', row.current_version).execute();
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it('the open data: text defused, numbers kept', async () => {
    const anonymous = new ApiClient(t.base);
    const documents = text((await anonymous.bytes('/api/v1/public/export?format=csv&table=documents')).bytes);
    const line = documents.split('\r\n').find((l) => l.startsWith(projectFormId)) ?? '';
    expect(line).toContain(`"'${LINK.replaceAll('"', '""')}"`);
    expect(line).toContain(",'@SUM(1),");
    // The negative amount in the number column `other` is a number.
    expect(line).toMatch(/,-2\.50,/);
    expect(line).not.toMatch(/,=|,\+|,@/);
    const projects = text((await anonymous.bytes('/api/v1/public/export?format=csv&table=projects')).bytes);
    expect(projects.split('\r\n').find((l) => l.startsWith(projectFormId))).toContain(",'+1+1,");
    const indicators = text((await anonymous.bytes('/api/v1/public/export?format=csv&table=indicators')).bytes);
    const first = indicators.split('\r\n').find((l) => l.startsWith(projectFormId) && l.includes("'-2+3")) ?? '';
    expect(first).toContain("'\t=1+1");
    for (const csv of [documents, projects, indicators]) expect(csv).not.toMatch(/(^|,|\r\n)"?[=+@\t]/);
  });

  it("the audit log and an export job's index.csv", async () => {
    const admin = await t.as('admin');
    const users = (await admin.get<{ users: Array<{ id: string; username: string }> }>('/api/v1/users')).body.users;
    const reviewer = users.find((u) => u.username === 'haizhu-reviewer')?.id ?? '';
    expect((await admin.patch(`/api/v1/users/${reviewer}`, { displayName: '-2+3' })).status).toBe(200);
    const departmentId = (await t.store.db.selectFrom('documents').select('department_id').where('id', '=', projectFormId).executeTakeFirstOrThrow()).department_id;
    expect((await admin.patch(`/api/v1/organisations/departments/${departmentId}`, { name: LINK })).status).toBe(200);
    const audit = text((await admin.bytes('/api/v1/audit.csv?lang=en')).bytes);
    expect(audit).not.toMatch(/(^|,|\r\n)"?[=+\-@\t]/);
    expect(audit).toContain(`"'${LINK.replaceAll('"', '""')}`);

    const reviewerClient = await t.as('haizhu-reviewer');
    const started = await reviewerClient.post<JobView>('/api/v1/jobs/export-forms', { year: 2024 });
    let job = started.body;
    for (let i = 0; i < 600 && job.state !== 'done'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await reviewerClient.get<JobView>(`/api/v1/jobs/${job.id}`)).body;
    }
    const zip = unzipSync((await reviewerClient.bytes(`/api/v1/jobs/${job.id}/output`)).bytes);
    const index = strFromU8(zip['index.csv'] ?? new Uint8Array());
    // The file name has the department's name, with the characters no file system takes as _.
    expect(index).toContain("\r\n\"'=HYPERLINK(_http___x.example__,_y_)/2024-");
    expect(index.replace(/^\uFEFF/, '')).not.toMatch(/(^|\r\n)"?[=+\-@\t]/);
  });
});
