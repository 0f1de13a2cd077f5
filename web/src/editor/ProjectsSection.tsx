/**
 * Key projects: name, amount, content and the expected outcome of the year's key task. Each project
 * is a card of two lines — name and amount with the row's buttons, then content and outcome side by
 * side — so the long texts get the width at 1280 px as well as at 1920.
 */
import PlusOutlined from '@ant-design/icons/es/icons/PlusOutlined';
import Button from 'antd/es/button';
import type { Project } from '../../../src/core/declaration.ts';
import { useLocale } from '../i18n/locale.tsx';
import { insertItem, moveItem, newProject, removeItem, replaceItem } from './editing.ts';
import { useEditorFields } from './editorFields.tsx';
import { FieldComments } from './FieldComments.tsx';
import { GrowingTextArea } from './GrowingTextArea.tsx';
import { MoneyInput } from './MoneyInput.tsx';
import { deletion, structural } from './rowActions.ts';
import { RowButton } from './RowButton.tsx';

export function ProjectsSection({ projects, onChange }: { projects: readonly Project[]; onChange: (projects: Project[]) => void }) {
  const { t } = useLocale();
  const fields = useEditorFields();
  const edit = (i: number, changes: Partial<Project>) => {
    const project = projects[i];
    if (project) onChange(replaceItem(projects, i, { ...project, ...changes }));
  };
  return (
    <>
      <ol className="project-list">
        {projects.map((project, i) => {
          const path = `/projects/${i}`;
          const n = i + 1;
          return (
            <li key={i} data-path={path} className="project-card" data-testid="project-row">
              <div className="project-head">
                <span className="project-number">
                  {n}
                  <FieldComments path={path} />
                </span>
                <div className="project-name" data-path={`${path}/name`}>
                  <label className="field-label" htmlFor={`project-${i}-name`}>
                    {t('项目名称', 'Name')} <FieldComments path={`${path}/name`} />
                  </label>
                  <GrowingTextArea id={`project-${i}-name`} aria-label={t(`项目 ${n} 名称`, `project ${n} name`)} value={project.name} onChange={(e) => edit(i, { name: e.target.value })} />
                </div>
                <div className="project-amount">
                  <span className="field-label">
                    {t('拟投入资金', 'Amount')} <FieldComments path={`${path}/amount`} />
                  </span>
                  <MoneyInput path={`${path}/amount`} label={t(`项目 ${n} 金额`, `project ${n} amount`)} value={project.amount} onChange={(amount) => edit(i, { amount })} />
                </div>
                <div className="row-actions">
                  <RowButton label={t(`项目 ${n} 上移`, `move project ${n} up`)} icon="up" disabled={i === 0} onClick={() => (structural(fields), onChange(moveItem(projects, i, i - 1)))} />
                  <RowButton label={t(`项目 ${n} 下移`, `move project ${n} down`)} icon="down" disabled={i === projects.length - 1} onClick={() => (structural(fields), onChange(moveItem(projects, i, i + 1)))} />
                  <RowButton label={t(`在项目 ${n} 下方插入`, `insert below project ${n}`)} icon="insert" onClick={() => (structural(fields), onChange(insertItem(projects, i + 1, newProject())))} />
                  <RowButton
                    label={t(`删除项目 ${n}`, `delete project ${n}`)}
                    icon="delete"
                    onClick={() => {
                      deletion(fields, project.name.trim() ? t(`项目 ${n}「${project.name}」`, `project ${n} (${project.name})`) : t(`项目 ${n}`, `project ${n}`), t);
                      onChange(removeItem(projects, i));
                    }}
                  />
                </div>
              </div>
              <div className="project-texts">
                <div data-path={`${path}/content`}>
                  <label className="field-label" htmlFor={`project-${i}-content`}>
                    {t('主要实施内容', 'Content')} <FieldComments path={`${path}/content`} />
                  </label>
                  <GrowingTextArea id={`project-${i}-content`} aria-label={t(`项目 ${n} 主要实施内容`, `project ${n} content`)} value={project.content} onChange={(e) => edit(i, { content: e.target.value })} />
                </div>
                <div data-path={`${path}/expectedOutcome`}>
                  <label className="field-label" htmlFor={`project-${i}-outcome`}>
                    {t('期望达到的目标（概述）', 'Expected outcome')} <FieldComments path={`${path}/expectedOutcome`} />
                  </label>
                  <GrowingTextArea id={`project-${i}-outcome`} aria-label={t(`项目 ${n} 期望达到的目标`, `project ${n} expected outcome`)} value={project.expectedOutcome} onChange={(e) => edit(i, { expectedOutcome: e.target.value })} />
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      <Button style={{ marginTop: 8 }} icon={<PlusOutlined />} onClick={() => (structural(fields), onChange(insertItem(projects, projects.length, newProject())))}>
        {t('添加项目', 'Add project')}
      </Button>
    </>
  );
}
