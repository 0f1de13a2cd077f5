/**
 * A document's files (evidence), for every kind that takes them (an assessment's checklist, a
 * rectification item's proof), in the database on both stores: streamed in a chunk at a time
 * (never a whole file in memory), refused past the region's limit per file and per assessment with a
 * message that says so, typed by their bytes (a PDF is a PDF because it starts %PDF-, whatever it is
 * called or claimed), and streamed out as downloads — never shown inline — each download audited.
 * An upload answers an item of the kind's checklist: the kind marks it received by a version of its own.
 * (The tables keep their first name, `assessment_files`: assessments were the first kind to take files.)
 */
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../core/policy.ts';
import { assessmentSettingsOf, type EvidenceLimits } from '../../format/assessmentSettingsSchema.ts';
import type { AnyKind, DocumentFiles, KindContent } from '../../kinds/kindDefinition.ts';
import { allKinds } from '../../kinds/registry.ts';
import { isEditableState } from '../../kinds/workflow.ts';
import { canOnDocument, partiesOf } from '../../kinds/documentPolicy.ts';
import { appendAudit } from '../../store/auditLog.ts';
import type { Database } from '../../store/schema.ts';
import { AppError, forbidden, notFound } from '../appError.ts';
import { authorizeDocument, lockDocument, saveDocumentVersion, type LoadedDocument } from './documents.ts';
import { effectiveSettings } from './organisations.ts';

/** What is read and discarded after a refusal before the connection is closed. */
const DISCARD_BYTES = 64 * 1024 * 1024;

/** Bytes per stored chunk. */
export const CHUNK_BYTES = 256 * 1024;

/** What the bytes of a file are, and the names it may go by. */
interface FileType {
  readonly type: string;
  readonly names: { readonly zh: string; readonly en: string };
  readonly extensions: readonly string[];
}

const PDF: FileType = { type: 'application/pdf', names: { zh: 'PDF 文件', en: 'a PDF' }, extensions: ['pdf'] };
const PNG: FileType = { type: 'image/png', names: { zh: 'PNG 图片', en: 'a PNG image' }, extensions: ['png'] };
const JPEG: FileType = { type: 'image/jpeg', names: { zh: 'JPEG 图片', en: 'a JPEG image' }, extensions: ['jpg', 'jpeg'] };
const ZIP_TYPES: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  ofd: 'application/ofd',
  zip: 'application/zip',
};
const OLE_TYPES: Record<string, string> = { doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint', wps: 'application/vnd.ms-works', et: 'application/vnd.ms-excel' };
const TEXT_TYPES: Record<string, string> = { txt: 'text/plain; charset=utf-8', csv: 'text/csv; charset=utf-8' };

const starts = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

/** The extension of a file name, lower case. */
const extensionOf = (name: string) => (/\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1] ?? '').toLowerCase();

/**
 * The type a file's first bytes show, checked against its name: PDF, PNG, JPEG, the zip family
 * (.docx, .xlsx, .pptx, .ofd, .zip), the OLE family (.doc, .xls …), or UTF-8 text (.txt, .csv).
 * Anything else, or a name that says otherwise, is refused with what the bytes are.
 */
export function sniffEvidence(head: Uint8Array, name: string): { type: string } | { refused: { zh: string; en: string } } {
  const ext = extensionOf(name);
  let found: FileType | null = null;
  if (starts(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) found = PDF;
  else if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) found = PNG;
  else if (starts(head, [0xff, 0xd8, 0xff])) found = JPEG;
  else if (starts(head, [0x50, 0x4b, 0x03, 0x04])) found = { type: ZIP_TYPES[ext] ?? ZIP_TYPES.zip ?? '', names: { zh: 'Office 文档或压缩包（zip）', en: 'an Office document or zip' }, extensions: Object.keys(ZIP_TYPES) };
  else if (starts(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) found = { type: OLE_TYPES[ext] ?? 'application/octet-stream', names: { zh: '旧版 Office 文档', en: 'an old Office document' }, extensions: Object.keys(OLE_TYPES) };
  else if (head.length > 0 && isText(head)) {
    found = { type: TEXT_TYPES[ext] ?? 'text/plain; charset=utf-8', names: { zh: '文本', en: 'text' }, extensions: Object.keys(TEXT_TYPES) };
    // Markup and scripts are never evidence, whatever they are called.
    if (/^\s*(<|\{\\rtf)/.test(new TextDecoder().decode(head.slice(0, 64)))) return { refused: { zh: `「${name}」是网页或脚本，不能作为佐证材料（只接受 PDF、图片、Office 文档、OFD、文本）`, en: `"${name}" is markup or a script, not evidence (PDF, images, Office documents, OFD, text only)` } };
  }
  if (!found) return { refused: { zh: `「${name}」的内容不是可接受的格式（只接受 PDF、PNG、JPEG、Office 文档、OFD、zip、文本）`, en: `"${name}" is not of an accepted type (PDF, PNG, JPEG, Office documents, OFD, zip, text)` } };
  if (!found.extensions.includes(ext)) return { refused: { zh: `「${name}」的内容是${found.names.zh}，与扩展名「.${ext || '（无）'}」不符`, en: `"${name}" is ${found.names.en}, which its extension ".${ext}" does not say` } };
  return { type: found.type };
}

function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    // A chunk may end in the middle of a character: allow the last three bytes to be cut.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.slice(0, Math.max(0, bytes.length - 3)));
    return true;
  } catch {
    return false;
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** An evidence file as the API lists it. */
export interface EvidenceFileView {
  id: string;
  criterion: string | null;
  item: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string | null;
  uploadedBy: { id: string; displayName: string } | null;
  uploadedAt: string;
}

/** The kinds that take files. */
export function fileKinds(): string[] {
  return allKinds().filter((k) => k.files !== undefined).map((k) => k.kind);
}

/** The kind's file hooks (the document was loaded among `fileKinds`). */
function filesOf(kind: AnyKind): DocumentFiles<KindContent> {
  return kind.files as DocumentFiles<KindContent>;
}

/** Who may add or remove files now: whom the kind lets (the department, the bureau, an assigned agency), while the document is editable. */
async function authorizeUpload(db: Kysely<Database> | Transaction<Database>, actor: Actor, id: string, kinds: readonly string[]): Promise<LoadedDocument> {
  const loaded = await authorizeDocument(db, actor, id, 'read', kinds);
  const parties = partiesOf(actor, loaded.resource, loaded.kind);
  if (!filesOf(loaded.kind).mayUpload(parties, actor.role)) throw forbidden();
  if (!isEditableState(loaded.kind.workflow, loaded.row.state)) {
    const noun = loaded.kind.names.short;
    throw new AppError(409, 'not-editable', `${noun.zh}已不能修改，不能再上传或删除材料`, `the ${noun.en} can no longer change: its files cannot either`, [{ field: 'id', message: 'not editable' }]);
  }
  return loaded;
}

/** The region's evidence limits for a document. */
async function limitsOf(db: Kysely<Database> | Transaction<Database>, regionPath: readonly string[]): Promise<EvidenceLimits> {
  return assessmentSettingsOf((await effectiveSettings(db, regionPath)) as Record<string, unknown>).evidence;
}

/**
 * Stores an uploaded file, read from `body` a chunk at a time. The chunks are written as they come
 * (outside a transaction, so a slow upload holds no lock), the file counted as complete, and the
 * checklist item marked received, in one transaction at the end. Over a limit, or of a refused type,
 * nothing stays.
 */
export async function uploadEvidence(db: Kysely<Database>, actor: Actor, id: string, input: { criterion: string | null; item: string; name: string }, body: AsyncIterable<Buffer | Uint8Array>, kinds: readonly string[] = fileKinds()): Promise<EvidenceFileView> {
  const loaded = await authorizeUpload(db, actor, id, kinds);
  const limits = await limitsOf(db, loaded.regionPath);
  const used = await db.selectFrom('assessment_files').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('size'), eb.val(0)).as('n')).where('document_id', '=', id).where('complete', '=', true).executeTakeFirstOrThrow();
  const before = Number(used.n);
  const fileId = randomUUID();
  const now = new Date().toISOString();
  await db.insertInto('assessment_files').values({ id: fileId, document_id: id, criterion: input.criterion, item: input.item, name: input.name, content_type: 'application/octet-stream', size: 0, sha256: null, complete: false, uploaded_by: actor.id, uploaded_at: now }).execute();
  const hash = createHash('sha256');
  let size = 0;
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let type: string | null = null;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await db.insertInto('assessment_file_chunks').values({ file_id: fileId, seq: seq++, data }).execute();
  };
  // A refusal is kept until the body is read to its end (bounded), so the client hears it rather
  // than a connection reset; the bytes after it are discarded.
  let refusal: AppError | null = null;
  let discarded = 0;
  try {
    for await (const piece of body) {
      const chunk = Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
      if (refusal) {
        discarded += chunk.length;
        if (discarded > DISCARD_BYTES) break;
        continue;
      }
      size += chunk.length;
      if (size > limits.fileBytes) refusal = new AppError(413, 'file-too-large', `「${input.name}」超过单个佐证材料的上限 ${mb(limits.fileBytes)}`, `"${input.name}" is larger than the ${mb(limits.fileBytes)} an evidence file may be`, [{ field: 'file', message: 'too large' }], { limit: limits.fileBytes });
      else if (before + size > limits.assessmentBytes) refusal = new AppError(413, 'evidence-quota', `本评估的佐证材料合计不能超过 ${mb(limits.assessmentBytes)}（已有 ${mb(before)}）`, `an assessment's evidence may not exceed ${mb(limits.assessmentBytes)} in all (${mb(before)} already)`, [{ field: 'file', message: 'quota' }], { limit: limits.assessmentBytes, used: before });
      if (refusal) continue;
      hash.update(chunk);
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (type === null && pendingBytes >= 16) {
        const sniffed = sniffEvidence(Buffer.concat(pending).subarray(0, 4096), input.name);
        if ('refused' in sniffed) {
          refusal = new AppError(415, 'unsupported-type', sniffed.refused.zh, sniffed.refused.en, [{ field: 'file', message: 'type' }]);
          continue;
        }
        type = sniffed.type;
      }
      if (pendingBytes >= CHUNK_BYTES) await flush();
    }
    if (refusal) throw refusal;
    if (size === 0) throw new AppError(400, 'validation-failed', `「${input.name}」是空文件`, `"${input.name}" is empty`, [{ field: 'file', message: 'empty' }]);
    if (type === null) {
      const sniffed = sniffEvidence(Buffer.concat(pending), input.name);
      if ('refused' in sniffed) throw new AppError(415, 'unsupported-type', sniffed.refused.zh, sniffed.refused.en, [{ field: 'file', message: 'type' }]);
      type = sniffed.type;
    }
    await flush();
  } catch (error) {
    await db.deleteFrom('assessment_files').where('id', '=', fileId).execute();
    throw error;
  }
  const sha256 = hash.digest('hex');
  const contentType = type;
  try {
    await db.transaction().execute(async (trx) => {
      await lockDocument(trx, id);
      const current = await authorizeUpload(trx, actor, id, kinds);
      const total = await trx.selectFrom('assessment_files').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('size'), eb.val(0)).as('n')).where('document_id', '=', id).where('complete', '=', true).executeTakeFirstOrThrow();
      if (Number(total.n) + size > limits.assessmentBytes) throw new AppError(413, 'evidence-quota', `本评估的佐证材料合计不能超过 ${mb(limits.assessmentBytes)}`, `an assessment's evidence may not exceed ${mb(limits.assessmentBytes)} in all`, [{ field: 'file', message: 'quota' }]);
      await trx.updateTable('assessment_files').set({ size, sha256, content_type: contentType, complete: true }).where('id', '=', fileId).execute();
      const version = await trx.selectFrom('document_versions').select('content').where('document_id', '=', id).where('version', '=', current.row.current_version).executeTakeFirstOrThrow();
      const content = filesOf(current.kind).added(version.content as KindContent, { id: fileId, item: input.item, criterion: input.criterion, name: input.name });
      await saveDocumentVersion(trx, { loaded: current, version: current.row.current_version + 1, content, authorId: actor.id, note: `上传佐证材料：${input.item}（${input.name}）`, verb: 'evidence', fromVersion: current.row.current_version });
      await appendAudit(trx, { actorId: actor.id, action: current.kind.auditAction('evidence-upload'), entity: current.kind.auditEntity, entityId: id, detail: { file: fileId, name: input.name, item: input.item, criterion: input.criterion, size, sha256, contentType } });
    });
  } catch (error) {
    await db.deleteFrom('assessment_files').where('id', '=', fileId).execute();
    throw error;
  }
  return { id: fileId, criterion: input.criterion, item: input.item, name: input.name, contentType, size, sha256, uploadedBy: { id: actor.id, displayName: '' }, uploadedAt: now };
}

/** The files of a document (whoever may read it). */
export async function listEvidence(db: Kysely<Database>, actor: Actor | null, id: string, kinds: readonly string[] = fileKinds()): Promise<EvidenceFileView[]> {
  await authorizeDocument(db, actor, id, 'read', kinds);
  const rows = await db
    .selectFrom('assessment_files')
    .leftJoin('users', 'users.id', 'assessment_files.uploaded_by')
    .select(['assessment_files.id', 'assessment_files.criterion', 'assessment_files.item', 'assessment_files.name', 'assessment_files.content_type', 'assessment_files.size', 'assessment_files.sha256', 'assessment_files.uploaded_by', 'assessment_files.uploaded_at', 'users.display_name'])
    .where('assessment_files.document_id', '=', id)
    .where('assessment_files.complete', '=', true)
    .orderBy('assessment_files.uploaded_at')
    .orderBy('assessment_files.id')
    .execute();
  return rows.map((r) => ({ id: r.id, criterion: r.criterion, item: r.item, name: r.name, contentType: r.content_type, size: Number(r.size), sha256: r.sha256, uploadedBy: r.display_name === null ? null : { id: r.uploaded_by, displayName: r.display_name }, uploadedAt: r.uploaded_at }));
}

/** A file to download: its metadata and a stream of its bytes, a chunk per read. The download is audited. */
export async function downloadEvidence(db: Kysely<Database>, actor: Actor | null, id: string, fileId: string, kinds: readonly string[] = fileKinds()): Promise<{ file: EvidenceFileView; stream: Readable }> {
  const loaded = await authorizeDocument(db, actor, id, 'read', kinds);
  const row = await db.selectFrom('assessment_files').selectAll().where('id', '=', fileId).where('document_id', '=', id).where('complete', '=', true).executeTakeFirst();
  if (!row) throw notFound('file', '文件');
  await db.transaction().execute((trx) => appendAudit(trx, { actorId: actor?.id ?? null, action: loaded.kind.auditAction('evidence-download'), entity: loaded.kind.auditEntity, entityId: id, detail: { file: fileId, name: row.name } }));
  const count = await db.selectFrom('assessment_file_chunks').select((eb) => eb.fn.countAll<string>().as('n')).where('file_id', '=', fileId).executeTakeFirstOrThrow();
  const chunks = Number(count.n);
  async function* bytes() {
    for (let seq = 0; seq < chunks; seq++) {
      const chunk = await db.selectFrom('assessment_file_chunks').select('data').where('file_id', '=', fileId).where('seq', '=', seq).executeTakeFirst();
      if (chunk) yield Buffer.from(chunk.data);
    }
  }
  return { file: { id: row.id, criterion: row.criterion, item: row.item, name: row.name, contentType: row.content_type, size: Number(row.size), sha256: row.sha256, uploadedBy: null, uploadedAt: row.uploaded_at }, stream: Readable.from(bytes()) };
}

/** Removes a file while the document is editable (its uploader or whoever assigns): its item is missing again. Audited. */
export async function deleteEvidence(trx: Transaction<Database>, actor: Actor, id: string, fileId: string, kinds: readonly string[] = fileKinds()): Promise<void> {
  await lockDocument(trx, id);
  const loaded = await authorizeUpload(trx, actor, id, kinds);
  const row = await trx.selectFrom('assessment_files').selectAll().where('id', '=', fileId).where('document_id', '=', id).executeTakeFirst();
  if (!row) throw notFound('file', '文件');
  if (row.uploaded_by !== actor.id && !canOnDocument(actor, 'assign', loaded.resource, loaded.kind)) throw forbidden();
  await trx.deleteFrom('assessment_files').where('id', '=', fileId).execute();
  const version = await trx.selectFrom('document_versions').select('content').where('document_id', '=', id).where('version', '=', loaded.row.current_version).executeTakeFirstOrThrow();
  const before = version.content as KindContent;
  const content = filesOf(loaded.kind).removed(before, fileId);
  if (content !== before) {
    await saveDocumentVersion(trx, { loaded, version: loaded.row.current_version + 1, content, authorId: actor.id, note: `删除佐证材料：${row.name}`, verb: 'evidence', fromVersion: loaded.row.current_version });
  }
  await appendAudit(trx, { actorId: actor.id, action: loaded.kind.auditAction('evidence-delete'), entity: loaded.kind.auditEntity, entityId: id, detail: { file: fileId, name: row.name } });
}
