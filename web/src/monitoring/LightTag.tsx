/** A traffic light as a coloured dot with its words, so that it reads without telling colours apart. */
import { lightName, type LightBasis } from '../../../src/core/monitoring/lights.ts';
import type { Light } from '../../../src/core/monitoringReport.ts';
import { useLocale } from '../i18n/locale.tsx';

const SHORT: Record<Light, { zh: string; en: string }> = {
  red: { zh: '红灯', en: 'Red' },
  yellow: { zh: '黄灯', en: 'Yellow' },
  green: { zh: '绿灯', en: 'Green' },
  blue: { zh: '蓝灯', en: 'Blue' },
};

/** `basis`: how the light was reached, so that a reverse indicator's red says it is over its limit, not behind. */
export function LightTag({ light, short = false, basis = null }: { light: Light | null; short?: boolean; basis?: LightBasis | null }) {
  const { t, pick } = useLocale();
  if (light === null) return <span className="light light-none" data-light="none">{t('未评', 'none')}</span>;
  return (
    <span className={`light light-${light}`} data-light={light} title={pick(lightName(light, basis))}>
      <span className="light-dot" aria-hidden="true" />
      {pick(short ? SHORT[light] : lightName(light, basis))}
    </span>
  );
}
