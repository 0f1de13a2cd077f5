/**
 * The editor of a target form (the department form, a project form) on the document shell: what the
 * shell does for every kind (toolbar, autosave, undo and redo, the copy kept in the browser, the
 * question before leaving, Ctrl+S/Z) and what the target forms add to it — the review banner and the
 * comments beside their fields, a lost race merged field by field with a clash put to the user, the
 * checker's findings live beside the form, boxes that hold what is not a value, a named version, and
 * content handed over by 从文件更新. A form's page supplies its sections and its title.
 */
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import Alert from 'antd/es/alert';
import type { TargetDocument } from '../../../src/core/document.ts';
import type { AnyDeclarationView, Comment, Finding } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { FindingsPanel, findingCounts } from '../components/FindingsPanel.tsx';
import { pointerLabel } from '../declaration/pointerLabel.ts';
import { revealPath } from '../declaration/revealPath.ts';
import { ReviewBanner } from '../declaration/ReviewBanner.tsx';
import { CellInput } from '../editor/CellInput.tsx';
import { pointerOfField } from '../editor/editing.ts';
import { EditorFieldsProvider, type EditorFields } from '../editor/editorFields.tsx';
import { useConflictDialog } from '../editor/useConflictDialog.tsx';
import type { DocumentEditor } from '../editor/useDocumentEditor.ts';
import { LeavePrompt } from '../editor/useLeavePrompt.tsx';
import { useReplaceFromAddress } from '../editor/useReplaceFromAddress.ts';
import type { EditKind } from '../editor/useUndoHistory.ts';
import { useLocale } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';
import { DocumentBanners, DocumentToast, DocumentToolbar } from './DocumentFrame.tsx';
import { useDocumentPage, type DocumentPage, type LoadedDocument } from './useDocumentPage.ts';

/** A target form's view, its content of one kind. */
export type FormView<D extends TargetDocument> = Omit<AnyDeclarationView, 'content'> & { readonly content: D };

/** Where a target form is read and saved. */
export const formPath = (id: string) => `/api/v1/declarations/${id}`;

/** Below this width the findings start folded away, so the form has the room. */
const WIDE_SCREEN_PX = 1440;

/** Rules that read other documents: only the server, which has them, can say these. */
const ACROSS_DOCUMENTS = new Set(['project-funds-match-department', 'continuing-without-last-year', 'target-below-last-year']);

export interface FormEditorPage<D extends TargetDocument> extends DocumentPage<D, FormView<D>> {
  /** A change to the form; a section that marks `fields.editKind` first makes it one undo step of its own. */
  readonly edit: (change: (content: D) => D, kind?: EditKind) => void;
  /** What every field shares: its comments, invalid boxes, the note after a change. */
  readonly fields: EditorFields;
  /** The question about fields both sides changed, while a clash waits for the user. */
  readonly conflictDialog: ReactNode;
}

/** The shell's state for a target form's editor. */
export function useFormEditorPage<D extends TargetDocument>({ loaded, accepts, derive }: { loaded: LoadedDocument<FormView<D>>; accepts: (content: unknown) => content is D; derive?: (content: D) => D }): FormEditorPage<D> {
  useState(() => {
    // For the web benchmark: the moment the editor has the form in hand.
    performance.mark('jixiao:editor-data');
    return null;
  });
  const { user } = useSession();
  const clash = useConflictDialog<D>(user?.id);
  const page = useDocumentPage<D, FormView<D>>({
    loaded,
    viewPath: formPath(loaded.id),
    editable: loaded.view.canEdit,
    withComments: true,
    invalidAmount: { message: { zh: '有金额不是有效金额，请改正后再保存', en: 'an amount is not a valid amount; correct it before saving' }, field: 'content' },
    notSaved: { zh: '申报表未能保存，请先处理保存问题', en: 'the form could not be saved; deal with that first' },
    onConflict: clash.onConflict,
    derive,
    noticeAs: 'toast',
  });
  const { doc, tell } = page;
  useReplaceFromAddress(doc, accepts);
  useEffect(() => {
    performance.mark('jixiao:editor-rendered');
  }, []);

  const editKind = useRef<EditKind>('typing');
  const edit = useCallback(
    (change: (content: D) => D, kind?: EditKind) => {
      const how = kind ?? editKind.current;
      editKind.current = 'typing';
      doc.edit(change, how);
    },
    [doc],
  );
  const comments = page.comments.data?.comments;
  const commentsByPath = useMemo(() => {
    const map = new Map<string, Comment[]>();
    for (const c of comments ?? []) map.set(c.path, [...(map.get(c.path) ?? []), c]);
    return map;
  }, [comments]);
  const { setInvalid, invalid } = doc;
  const announce = useCallback((text: string) => tell(text, true), [tell]);
  const fields = useMemo<EditorFields>(() => ({ comments: commentsByPath, setInvalid, invalid, announce, editKind }), [commentsByPath, setInvalid, invalid, announce]);
  return { ...page, edit, fields, conflictDialog: clash.dialog(doc) };
}

type Checker = (content: TargetDocument) => Finding[];

const loadChecker = (): Promise<Checker> => import('../../../src/core/rules/checkDeclaration.ts').then((m) => (content: TargetDocument) => m.checkDeclaration(content));

/**
 * The checker, once `needed` (after the first edit: until then the server's findings are the
 * findings). Its code, a third of the editor's, is fetched when the page is idle, off the path to an
 * editable form, and it enters the editor's state only when needed, so loading it re-renders nothing.
 */
function useChecker(needed: boolean): Checker | null {
  const [checker, setChecker] = useState<Checker | null>(null);
  useEffect(() => {
    const idle = window.requestIdleCallback(() => void loadChecker(), { timeout: 5000 });
    return () => window.cancelIdleCallback(idle);
  }, []);
  useEffect(() => {
    if (!needed || checker) return;
    let live = true;
    void loadChecker().then((check) => live && setChecker(() => check));
    return () => {
      live = false;
    };
  }, [needed, checker]);
  return checker;
}

/**
 * The findings as typed: the server's until the first edit, then the checker's on what is typed, with
 * the rules across documents as the server said them at the last save.
 */
export function useLiveFindings<D extends TargetDocument>(page: FormEditorPage<D>): readonly Finding[] {
  const { view } = page;
  const deferred = useDeferredValue(page.doc.content);
  const checker = useChecker(deferred !== view.content);
  return useMemo(() => (deferred === view.content || !checker ? view.findings : [...checker(deferred), ...view.findings.filter((f) => ACROSS_DOCUMENTS.has(f.rule))]), [deferred, view, checker]);
}

/** Boxes holding what is not a value, each leading to its box: nothing is saved until they are corrected. */
function InvalidEntries({ invalid }: { invalid: ReadonlyMap<string, string> }) {
  const { t } = useLocale();
  if (invalid.size === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="invalid-entries"
      message={t('以下输入无效，改正前不会保存：', 'These entries are not valid; nothing is saved until they are corrected:')}
      description={
        <ul style={{ margin: 0 }}>
          {[...invalid.entries()].map(([path, message]) => (
            <li key={path}>
              <button type="button" className="link-button" onClick={() => revealPath(path)}>
                {message}
              </button>
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** A save refused or lost: the fields the server named, each leading to its box; offline, that the work is kept. */
function SaveErrorAlert<D extends TargetDocument>({ doc }: { doc: DocumentEditor<D> }) {
  const { t } = useLocale();
  const { saveError, content } = doc;
  const fieldErrors = saveError?.fields.map((f) => ({ ...f, pointer: pointerOfField(f.field) })).filter((f) => f.pointer !== null) ?? [];
  const detail =
    fieldErrors.length > 0 ? (
      <ul style={{ margin: 0 }}>
        {fieldErrors.map((f) => (
          <li key={f.field}>
            <button type="button" className="link-button" onClick={() => revealPath(f.pointer ?? '')}>
              {pointerLabel(content, f.pointer ?? '', t)}
            </button>
            {t('：', ': ')}
            {f.message}
          </li>
        ))}
      </ul>
    ) : saveError?.status === 0 ? (
      t('修改保存在此浏览器中，连接恢复后会自动重试。', 'Your changes are kept in this browser and will be saved when the connection returns.')
    ) : undefined;
  return <ErrorAlert error={saveError} onRetry={() => void doc.save()} detail={detail} />;
}

/** The name asked for a version saved by hand (送审前定稿). */
function NameVersionForm({ onSave, onCancel }: { onSave: (note: string) => void; onCancel: () => void }) {
  const { t } = useLocale();
  const [naming, setNaming] = useState('');
  return (
    <form
      className="name-version"
      onSubmit={(e) => {
        e.preventDefault();
        if (naming.trim()) onSave(naming.trim());
      }}
    >
      <label htmlFor="version-name">{t('版本名称', 'Version name')}</label>
      <CellInput id="version-name" autoFocus maxLength={500} value={naming} placeholder={t('例如：送审前定稿', 'e.g. final before review')} onChange={(e) => setNaming(e.target.value)} />
      <button type="submit" className="btn primary" disabled={!naming.trim()}>
        {t('保存', 'Save')}
      </button>
      <button type="button" className="btn" onClick={onCancel}>
        {t('取消', 'Cancel')}
      </button>
    </form>
  );
}

/** The findings beside the form, folded to a narrow button when asked (and at first below {@link WIDE_SCREEN_PX}). */
function FindingsAside({ findings, content, open, setOpen }: { findings: readonly Finding[]; content: TargetDocument; open: boolean; setOpen: (open: boolean) => void }) {
  const { t } = useLocale();
  const counts = findingCounts(findings);
  if (!open) {
    return (
      <button type="button" className="btn findings-toggle" aria-expanded={false} aria-label={t(`展开检查结果（${findings.length}）`, `Show findings (${findings.length})`)} onClick={() => setOpen(true)}>
        {t(`检查结果 ${findings.length}`, `Findings ${findings.length}`)}
      </button>
    );
  }
  return (
    <section className="editor-section findings-panel" aria-label={t('检查结果', 'Findings')} data-testid="live-findings" id="editor-findings" tabIndex={-1}>
      <h2>
        <span>
          {t('检查结果', 'Findings')} <span className="secondary">{t(`${counts.error} 错误 · ${counts.warning} 警告 · ${counts.info} 提示`, `${counts.error} errors · ${counts.warning} warnings · ${counts.info} notes`)}</span>
        </span>
        <button type="button" className="btn small text" aria-expanded onClick={() => setOpen(false)}>
          {t('收起', 'Hide')}
        </button>
      </h2>
      <div className="editor-section-body">
        <FindingsPanel findings={findings} content={content} onSelect={revealPath} />
      </div>
    </section>
  );
}

/**
 * The page around a target form's sections: skip link, toolbar (named version, 完成), review
 * banner, invalid boxes, the shell's banners, the sections beside the live findings, the passing note,
 * the question before leaving and the conflict dialog. A form its user may not edit says so instead.
 */
export function FormEditorShell<D extends TargetDocument>({ page, title, findings, children }: { page: FormEditorPage<D>; title: ReactNode; findings: readonly Finding[]; children: ReactNode }) {
  const { t } = useLocale();
  const [showFindings, setShowFindings] = useState(() => window.innerWidth >= WIDE_SCREEN_PX);
  const [naming, setNaming] = useState(false);
  const { doc, view } = page;
  const id = view.id;

  if (!view.canEdit) {
    return (
      <Alert
        type="info"
        showIcon
        message={t('此申报表当前不可编辑', 'This form cannot be edited now')}
        description={
          <span>
            {t('只有草稿或被退回的申报表可由本部门编辑。', 'Only drafts and returned forms can be edited, by their department. ')}
            <Link to={`/declarations/${id}`}>{t('查看申报表', 'View the form')}</Link>
          </span>
        }
      />
    );
  }

  return (
    <EditorFieldsProvider value={page.fields}>
      <a
        className="skip-link"
        href="#editor-findings"
        onClick={(e) => {
          e.preventDefault();
          setShowFindings(true);
          requestAnimationFrame(() => document.getElementById('editor-findings')?.focus());
        }}
      >
        {t('跳到检查结果', 'Skip to the findings')}
      </a>
      <DocumentToolbar title={title} page={page} actions={[]}>
        <button type="button" className="btn" disabled={doc.blocked || doc.status === 'saving' || doc.status === 'conflict'} onClick={() => setNaming(true)}>
          {t('保存为命名版本…', 'Save a named version…')}
        </button>
        <Link className="btn" to={`/declarations/${id}`}>
          {t('完成', 'Done')}
        </Link>
      </DocumentToolbar>
      <ReviewBanner view={view} comments={page.comments.data?.comments ?? []} />
      <InvalidEntries invalid={doc.invalid} />
      {naming && (
        <NameVersionForm
          onSave={(note) => {
            setNaming(false);
            void doc.save({ note });
          }}
          onCancel={() => setNaming(false)}
        />
      )}
      <DocumentBanners page={page} saveError={<SaveErrorAlert doc={doc} />} />
      <div className={`editor-layout${showFindings ? ' with-findings' : ''}`}>
        <div className="editor-main">{children}</div>
        <FindingsAside findings={findings} content={doc.content} open={showFindings} setOpen={setShowFindings} />
      </div>
      <DocumentToast page={page} />
      <LeavePrompt blocker={page.blocker} invalid={doc.blocked} onSave={() => doc.save()} />
      {page.conflictDialog}
    </EditorFieldsProvider>
  );
}
