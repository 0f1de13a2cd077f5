/** Words the template pages share: a criterion's level (一级 …) and where a template comes from. */
import type { AssessmentTemplateView } from '../../../src/format/apiTypes.ts';

type Bilingual = { readonly zh: string; readonly en: string };
const LEVEL_ZH = ['一', '二', '三', '四', '五', '六'];

/** 一级指标, 二级指标 … for a criterion's depth (1 is the first level). */
export function levelName(level: number): Bilingual {
  return { zh: `${LEVEL_ZH[level - 1] ?? String(level)}级指标`, en: `Level ${level}` };
}

/** Built in, the region's own, or a region above's (by name). */
export function templateSource(template: Pick<AssessmentTemplateView, 'builtIn' | 'regionId'>, regionId: string, regionName: (id: string) => string): Bilingual {
  if (template.builtIn || template.regionId === null) return { zh: '内置', en: 'Built in' };
  if (template.regionId === regionId) return { zh: '本区划', en: 'This region’s' };
  const name = regionName(template.regionId);
  return { zh: `上级区划（${name}）`, en: `From ${name}` };
}

/** The address of a template's page, keeping the year and region it was listed for. */
export function templatePath(id: string, year: number, regionId: string): string {
  return `/assessment-templates/${encodeURIComponent(id)}?year=${year}&regionId=${encodeURIComponent(regionId)}`;
}
