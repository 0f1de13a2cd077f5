/**
 * Who scores an assessment: the people assigned (experts, agencies) with the bureau's way to add one
 * from the region's panel or take one off; a person of the subject's department is refused by the
 * server as a conflict of interest, and the refusal is said here.
 */
import Button from 'antd/es/button';
import Tag from 'antd/es/tag';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { MemberSelect, usePanelMembers } from './BatchAssign.tsx';
import { ROLE_NAMES } from './names.ts';
import type { Assignment } from './types.ts';

export function AssignmentsCard({ id, canAssign, onChanged }: { id: string; canAssign: boolean; onChanged: () => void }) {
  const { t, pick, time } = useLocale();
  const assigned = useResource(`assignments:${id}`, () => api<{ assignments: Assignment[] }>('GET', `/api/v1/documents/${id}/assignments`));
  const panel = usePanelMembers(canAssign);
  const [member, setMember] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const members = (panel.data?.members ?? []).filter((m) => !assigned.data?.assignments.some((a) => a.userId === m.id));
  const run = async (request: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await request();
      setMember(undefined);
      assigned.reload();
      onChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const chosen = members.find((m) => m.id === member);
  return (
    <section data-testid="assignments" style={{ marginBottom: 16 }}>
      <h3 style={{ fontSize: 15 }}>{t('评分人', 'Scorers')}</h3>
      <ErrorAlert error={assigned.error ?? error} onRetry={assigned.reload} />
      <ul style={{ paddingInlineStart: 18 }}>
        {(assigned.data?.assignments ?? []).map((a) => (
          <li key={a.userId} data-testid={`assigned-${a.username}`}>
            {a.displayName} <Tag>{pick(ROLE_NAMES[a.role as keyof typeof ROLE_NAMES] ?? { zh: a.role, en: a.role })}</Tag>
            <span className="secondary">{t(`指派于 ${time(a.assignedAt)}`, `assigned ${time(a.assignedAt)}`)}</span>{' '}
            {canAssign && (
              <button type="button" className="btn text small" disabled={busy} onClick={() => void run(() => api('DELETE', `/api/v1/documents/${id}/assignments/${a.userId}`))} aria-label={t(`取消指派 ${a.displayName}`, `Unassign ${a.displayName}`)}>
                {t('取消指派', 'Unassign')}
              </button>
            )}
          </li>
        ))}
        {assigned.data?.assignments.length === 0 && <li className="secondary">{t('尚未指派评分人', 'Nobody assigned yet')}</li>}
      </ul>
      {canAssign && (
        <div className="header-tools" style={{ justifyContent: 'flex-start' }}>
          <MemberSelect members={members} value={member} onChange={setMember} label={t('添加评分人', 'Add a scorer')} />
          <Button disabled={!chosen || busy} onClick={() => chosen && void run(() => api('POST', `/api/v1/documents/${id}/assignments`, { userId: chosen.id, role: chosen.role }))} data-testid="assign-button">
            {t('指派', 'Assign')}
          </Button>
        </div>
      )}
    </section>
  );
}
