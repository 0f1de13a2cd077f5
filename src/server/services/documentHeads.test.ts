import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewGrade } from '../../core/workflow.ts';
import { openStore, type Store } from '../../store/openStore.ts';
import { seedDemo } from '../demo.ts';
import { cacheDocumentHeads, documentHeadChanged, readDocumentHead } from './documentHeads.ts';

describe('the cache of document heads (embedded store only)', () => {
  let store: Store;
  let id: string;
  const setGrade = (grade: ReviewGrade) => store.db.updateTable('documents').set({ review_grade: grade }).where('id', '=', id).execute();

  beforeAll(async () => {
    store = await openStore({ kind: 'embedded', dataDir: 'memory://' });
    await store.migrate();
    await seedDemo(store, 'heads-test-password');
    id = (await store.db.selectFrom('documents').select('id').executeTakeFirstOrThrow()).id;
  }, 60_000);

  afterAll(() => store?.close());

  it('reads through to the database until turned on', async () => {
    await setGrade('良');
    expect((await readDocumentHead(store.db, id))?.review_grade).toBe('良');
    await setGrade('优');
    expect((await readDocumentHead(store.db, id))?.review_grade).toBe('优');
  });

  it('once on, answers from memory until a committed write says the row changed', async () => {
    cacheDocumentHeads(store.db);
    expect((await readDocumentHead(store.db, id))?.review_grade).toBe('优');
    await setGrade('中');
    // The write path always reports its changes; this write did not, so the cached row shows.
    expect((await readDocumentHead(store.db, id))?.review_grade).toBe('优');
    documentHeadChanged(store.db, id);
    expect((await readDocumentHead(store.db, id))?.review_grade).toBe('中');
  });

  it('does not keep what a read fetched while a write finished', async () => {
    documentHeadChanged(store.db, id);
    const racing = readDocumentHead(store.db, id); // reads the committed row, 中
    await setGrade('差');
    documentHeadChanged(store.db, id); // the write commits while the read is under way
    expect(['中', '差']).toContain((await racing)?.review_grade);
    expect((await readDocumentHead(store.db, id))?.review_grade).toBe('差');
  });

  it('never caches a declaration that does not exist', async () => {
    expect(await readDocumentHead(store.db, '00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });
});
