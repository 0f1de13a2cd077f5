/** Key projects: name, content, amount and the expected outcome of the year's key task. */
import PlusOutlined from '@ant-design/icons/es/icons/PlusOutlined';
import Button from 'antd/es/button';
import type { Project } from '../../../src/core/declaration.ts';
import type { Comment } from '../api/types.ts';
import { useLocale } from '../i18n/locale.tsx';
import { CommentMarker, commentsUnder } from './CommentMarker.tsx';
import { RowButton } from './RowButton.tsx';
import { GrowingTextArea } from './GrowingTextArea.tsx';
import { insertItem, moveItem, newProject, removeItem, replaceItem } from './editing.ts';
import { MoneyInput } from './MoneyInput.tsx';

export function ProjectsSection({ projects, comments, onChange }: { projects: readonly Project[]; comments: ReadonlyMap<string, Comment[]>; onChange: (projects: Project[]) => void }) {
  const { t } = useLocale();
  const edit = (i: number, changes: Partial<Project>) => {
    const project = projects[i];
    if (project) onChange(replaceItem(projects, i, { ...project, ...changes }));
  };
  return (
    <>
      <table className="editor-table">
        <thead>
          <tr>
            <th style={{ width: 40 }}>#</th>
            <th style={{ width: '20%' }}>{t('项目名称', 'Name')}</th>
            <th>{t('主要实施内容', 'Content')}</th>
            <th style={{ width: 150 }}>{t('拟投入资金', 'Amount')}</th>
            <th style={{ width: '25%' }}>{t('期望达到的目标（概述）', 'Expected outcome')}</th>
            <th style={{ width: 110 }}>{t('操作', 'Actions')}</th>
          </tr>
        </thead>
        <tbody>
          {projects.map((project, i) => {
            const path = `/projects/${i}`;
            const rowComments = commentsUnder(comments, path);
            return (
              <tr key={i} data-path={path}>
                <td>
                  {i + 1}
                  <CommentMarker comments={rowComments} />
                </td>
                <td data-path={`${path}/name`}>
                  <GrowingTextArea aria-label={t(`项目 ${i + 1} 名称`, `project ${i + 1} name`)} value={project.name} onChange={(e) => edit(i, { name: e.target.value })} />
                </td>
                <td data-path={`${path}/content`}>
                  <GrowingTextArea aria-label={t(`项目 ${i + 1} 主要实施内容`, `project ${i + 1} content`)} value={project.content} onChange={(e) => edit(i, { content: e.target.value })} />
                </td>
                <td>
                  <MoneyInput path={`${path}/amount`} label={t(`项目 ${i + 1} 金额`, `project ${i + 1} amount`)} value={project.amount} onChange={(amount) => edit(i, { amount })} />
                </td>
                <td data-path={`${path}/expectedOutcome`}>
                  <GrowingTextArea aria-label={t(`项目 ${i + 1} 期望达到的目标`, `project ${i + 1} expected outcome`)} value={project.expectedOutcome} onChange={(e) => edit(i, { expectedOutcome: e.target.value })} />
                </td>
                <td>
                  <div className="row-actions">
                    <RowButton label={t(`项目 ${i + 1} 上移`, `move project ${i + 1} up`)} icon="up" disabled={i === 0} onClick={() => onChange(moveItem(projects, i, i - 1))} />
                    <RowButton label={t(`项目 ${i + 1} 下移`, `move project ${i + 1} down`)} icon="down" disabled={i === projects.length - 1} onClick={() => onChange(moveItem(projects, i, i + 1))} />
                    <RowButton label={t(`删除项目 ${i + 1}`, `delete project ${i + 1}`)} icon="delete" onClick={() => onChange(removeItem(projects, i))} />
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Button style={{ marginTop: 8 }} icon={<PlusOutlined />} onClick={() => onChange(insertItem(projects, projects.length, newProject()))}>
        {t('添加项目', 'Add project')}
      </Button>
    </>
  );
}
