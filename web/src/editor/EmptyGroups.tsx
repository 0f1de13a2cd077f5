/**
 * Second-level groups the form printed with no indicator under them. They are kept as printed (the
 * checker reports missing cost indicators from them); once a group has an indicator, or is not
 * wanted, the user removes it here.
 */
import Tag from 'antd/es/tag';
import { className } from '../declaration/vocabulary.ts';
import { useLocale } from '../i18n/locale.tsx';
import { removeItem } from './editing.ts';

export function EmptyGroups({ groups, onChange }: { groups: ReadonlyArray<[string | null, string]>; onChange: (groups: Array<[string | null, string]>) => void }) {
  const { t } = useLocale();
  if (groups.length === 0) return null;
  return (
    <div style={{ marginTop: 12 }} data-path="/emptyLevel2">
      <span className="secondary">{t('表中印有、但下面没有指标的二级指标：', 'Groups printed with no indicator under them: ')}</span>
      {groups.map(([level1, level2], i) => (
        <Tag key={`${level1 ?? ''}/${level2}`} closable closeIcon={<span aria-label={t(`移除 ${level2}`, `remove ${level2}`)}>×</span>} onClose={() => onChange(removeItem(groups, i))}>
          {level1 ? `${className(level1, t)} / ` : ''}
          {className(level2, t)}
        </Tag>
      ))}
    </div>
  );
}
