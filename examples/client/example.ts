/**
 * A script's view of Jixiao through the client generated from its OpenAPI document
 * (`npm run client`): import a form, list documents, download one as PDF. Every call is typed by the
 * document — a wrong path, parameter or field does not compile.
 */
import createClient from 'openapi-fetch';
import type { paths } from './generated/jixiao-api.ts';

/** A client for a Jixiao server, signed in with an API token (POST /api/v1/tokens). */
export function jixiaoClient(baseUrl: string, token: string) {
  return createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}` } });
}

type Jixiao = ReturnType<typeof jixiaoClient>;

/**
 * Imports a published form (its bytes) for a department and year, then lists the department's
 * documents of that year, then downloads the imported form as PDF. `confirm: ['department']` says
 * that a form printing another department's name is meant for this one all the same.
 */
export async function importListDownload(jixiao: Jixiao, file: { name: string; bytes: Uint8Array }, departmentId: string, year: number, confirm: Array<'year' | 'department'> = []) {
  const imported = await jixiao.POST('/api/v1/declarations/import', {
    body: { file: { name: file.name, data: Buffer.from(file.bytes).toString('base64') }, departmentId, year, confirm },
  });
  // Errors have one shape: a stable id, a message in Chinese and English, the fields concerned.
  if (imported.error) throw new Error(`${imported.error.error.id}: ${imported.error.error.message.en}`);
  const importedIds: string[] = imported.data.imported;

  const listed = await jixiao.GET('/api/v1/documents', { params: { query: { year, departmentId, sort: 'updated', pageSize: 50 } } });
  if (listed.error) throw new Error(listed.error.error.message.en);
  const rows = listed.data.items.map((d) => ({ id: d.id, kind: d.kind, state: d.state, department: d.departmentName, amount: d.summary.amount }));

  const first = importedIds[0];
  if (first === undefined) throw new Error('nothing was imported');
  const pdf = await jixiao.GET('/api/v1/documents/{id}.pdf', { params: { path: { id: first } }, parseAs: 'arrayBuffer' });
  if (pdf.error) throw new Error(pdf.error.error.message.en);
  return { importedIds, rows, total: listed.data.total, pdf: new Uint8Array(pdf.data) };
}
