import { openStore } from '../src/store/openStore.ts';
const s = await openStore({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test', schema: 'jixiao_test_trgm' + Date.now() });
console.log(await s.migrate());
const r = await s.db.selectFrom('pg_indexes' as never).select(['indexname' as never]).where('indexname' as never, '=', 'declarations_search_trgm' as never).execute();
console.log(r);
await s.close();
const e = await openStore({ kind: 'embedded', dataDir: 'memory://' });
console.log(await e.migrate());
await e.close();
