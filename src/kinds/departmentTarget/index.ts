/**
 * 部门整体绩效目标申报表: a department's budget, key projects, overall goals and indicators for a year.
 * One per department and year.
 */
import { emptyDeclaration } from '../../core/declaration.ts';
import { documentSubject } from '../../core/notifications.ts';
import { declarationSchema } from '../../format/declarationSchema.ts';
import { targetKind } from '../shared/targetForms.ts';

export const departmentTargetKind = targetKind({
  kind: 'department-target',
  schema: declarationSchema,
  subject: (place) => documentSubject(place.departmentName, place.year, null, { zh: '绩效目标', en: 'targets' }),
  empty: (place) => emptyDeclaration(place.departmentName, place.year),
});
