/** A declaration's workflow state as a coloured tag, in the chosen language. */
import Tag from 'antd/es/tag';
import type { DeclarationState } from '../../../src/core/workflow.ts';
import { stateName } from '../declaration/vocabulary.ts';
import { useLocale } from '../i18n/locale.tsx';

const COLORS: Record<DeclarationState, string> = { draft: 'default', submitted: 'processing', returned: 'error', approved: 'success', published: 'gold' };

export function StateTag({ state }: { state: DeclarationState }) {
  const { t } = useLocale();
  return (
    <Tag color={COLORS[state]} data-state={state}>
      {stateName(state, t)}
    </Tag>
  );
}
