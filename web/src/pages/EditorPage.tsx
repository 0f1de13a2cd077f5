/**
 * The form editor: every section editable, the checker's findings live beside it, drafts saved
 * automatically, every change undoable. The page around the sections — toolbar, banners, findings,
 * the copy kept in the browser, the merge of a lost race — is the document shell's
 * (documents/FormEditorShell.tsx); this page loads the form and lays out the department form's
 * sections, or hands a project form to its editor.
 */
import { lazy } from 'react';
import { Navigate, useParams } from 'react-router';
import type { DepartmentTargetDeclaration } from '../../../src/core/declaration.ts';
import type { ProjectTargetDeclaration } from '../../../src/core/projectTarget.ts';
import { fetchOnce, takeSettled } from '../api/prefetch.ts';
import type { AnyDeclarationView } from '../api/types.ts';
import { DocumentLoader } from '../documents/DocumentFrame.tsx';
import { formPath, FormEditorShell, useFormEditorPage, useLiveFindings, type FormView } from '../documents/FormEditorShell.tsx';
import type { LoadedDocument } from '../documents/useDocumentPage.ts';
import { BudgetSection } from '../editor/BudgetSection.tsx';
import { CellInput } from '../editor/CellInput.tsx';
import { EditorSection } from '../editor/EditorSection.tsx';
import { EmptyGroups } from '../editor/EmptyGroups.tsx';
import { newIndicator, withDerivedTotal } from '../editor/editing.ts';
import { FieldComments } from '../editor/FieldComments.tsx';
import { IndicatorTable } from '../editor/IndicatorTable.tsx';
import { ProjectsSection } from '../editor/ProjectsSection.tsx';
import { TextListSection } from '../editor/TextListSection.tsx';
import { StateTag } from '../components/StateTag.tsx';
import { useLocale } from '../i18n/locale.tsx';

/**
 * The project form's editor, in a chunk of its own (vite.config.ts): most forms opened are the
 * department's, whose first visit need not fetch it. A project form waits for it behind the page's
 * spinner on its first render.
 */
const ProjectEditor = lazy(() => import('./ProjectEditor.tsx').then((m) => ({ default: m.ProjectEditor })));

/** A new row of the department form: no class until one is chosen (or a library entry gives it one). */
const newDepartmentRow = () => newIndicator(null, null);

/** Loads the form (at once when the app opened here and prefetched it), then the editor of its kind. */
export default function EditorPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const missing = { title: t('申报表不存在或无权查看', 'No such form, or not yours to see'), back: t('返回申报表', 'Back to the forms'), to: '/declarations' };
  return <DocumentLoader id={id} cacheKey={`form-editor:${id}`} load={() => fetchOnce<AnyDeclarationView>(formPath(id))} arrived={() => takeSettled<AnyDeclarationView>(formPath(id))} missing={missing} render={(loaded) => <EditorOfKind key={id} loaded={loaded} />} />;
}

/** The grid editor is the department form's; a project form has sections of its own; any other kind is read on its page. */
function EditorOfKind({ loaded }: { loaded: LoadedDocument<AnyDeclarationView> }) {
  switch (loaded.view.content.kind) {
    case 'department-target':
      return <DepartmentEditor loaded={loaded as unknown as LoadedDocument<FormView<DepartmentTargetDeclaration>>} />;
    case 'project-target':
      return <ProjectEditor loaded={loaded as unknown as LoadedDocument<FormView<ProjectTargetDeclaration>>} />;
    default:
      return <Navigate to={`/declarations/${loaded.id}`} replace />;
  }
}

const isDepartmentForm = (content: unknown): content is DepartmentTargetDeclaration => (content as { kind?: unknown } | null)?.kind === 'department-target';

function DepartmentEditor({ loaded }: { loaded: LoadedDocument<FormView<DepartmentTargetDeclaration>> }) {
  const { t } = useLocale();
  const page = useFormEditorPage({ loaded, accepts: isDepartmentForm, derive: withDerivedTotal });
  const findings = useLiveFindings(page);
  const { view, edit } = page;
  const content = page.doc.content;
  return (
    <FormEditorShell
      page={page}
      findings={findings}
      title={
        <>
          {/* Year and state first: a long department name is what gives way on a narrow screen. */}
          {t('编辑', 'Edit')} · {view.year} <StateTag state={view.state} /> · {view.departmentName}
        </>
      }
    >
      <EditorSection title={t('基本信息', 'Basics')}>
        <div className="field-grid two">
          <div className="field" data-path="/department">
            <label htmlFor="department">
              {t('部门名称', 'Department')} <FieldComments path="/department" />
            </label>
            <CellInput id="department" value={content.department ?? ''} onChange={(e) => edit((c) => ({ ...c, department: e.target.value || null }))} />
          </div>
          <div className="field" data-path="/title">
            <label htmlFor="title">
              {t('表题', 'Title')} <FieldComments path="/title" />
            </label>
            <CellInput id="title" value={content.title ?? ''} placeholder="部门整体预算绩效目标申报表" onChange={(e) => edit((c) => ({ ...c, title: e.target.value || null }))} />
          </div>
        </div>
      </EditorSection>
      <EditorSection title={t('部门预算（万元）', 'Budget (10k yuan)')}>
        <BudgetSection content={content} onChange={(budget) => edit((c) => ({ ...c, budget }))} />
      </EditorSection>
      <EditorSection title={t('重点项目与年度重点工作任务', 'Key projects and their expected outcomes')}>
        <ProjectsSection projects={content.projects} onChange={(projects) => edit((c) => ({ ...c, projects }))} />
      </EditorSection>
      <EditorSection title={t('总体绩效目标', 'Overall goals')}>
        <TextListSection field="goals" items={content.goals} itemLabel={(n) => t(`目标${n}`, `Goal ${n}`)} addLabel={t('添加目标', 'Add goal')} onChange={(goals) => edit((c) => ({ ...c, goals }))} />
      </EditorSection>
      <EditorSection title={t('其他需完成的任务', 'Other tasks')}>
        <TextListSection field="otherTasks" items={content.otherTasks} itemLabel={(n) => t(`任务${n}`, `Task ${n}`)} addLabel={t('添加任务', 'Add task')} onChange={(otherTasks) => edit((c) => ({ ...c, otherTasks }))} />
      </EditorSection>
      <EditorSection title={t('绩效指标', 'Indicators')}>
        <IndicatorTable indicators={content.indicators} newRow={newDepartmentRow} onChange={(indicators) => edit((c) => ({ ...c, indicators }))} />
        <EmptyGroups groups={content.emptyLevel2} onChange={(emptyLevel2) => edit((c) => ({ ...c, emptyLevel2 }))} />
      </EditorSection>
    </FormEditorShell>
  );
}
