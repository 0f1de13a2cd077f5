/** A declaration's workflow state as a coloured tag. */
import Tag from 'antd/es/tag';
import { STATE_NAMES, type DeclarationState } from '../../../src/core/workflow.ts';
import { useLocale } from '../i18n/locale.tsx';

const COLORS: Record<DeclarationState, string> = { draft: 'default', submitted: 'processing', returned: 'error', approved: 'success', published: 'gold' };

export function StateTag({ state }: { state: DeclarationState }) {
  const { pick } = useLocale();
  return (
    <Tag color={COLORS[state]} data-state={state}>
      {pick(STATE_NAMES[state])}
    </Tag>
  );
}
