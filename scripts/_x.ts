import { openStore } from '../src/store/openStore.ts';
const url = 'postgres://postgres@127.0.0.1:5432/test';
const schema = 'jixiao_test_probe' + Date.now();
const racing = await Promise.all([0, 1, 2].map(() => openStore({ kind: 'postgres', url, schema })));
const applied = await Promise.all(racing.map((s) => s.migrate()));
console.log(applied.map((a) => a.length));
await Promise.all(racing.map((s) => s.close()));
