/**
 * 项目支出绩效目标申报表: one project's header, funds, period and annual goals and indicators. Any number
 * per department and year, one per project name; linked to a row of the department form.
 */
import { documentSubject } from '../../core/notifications.ts';
import { emptyProjectTarget } from '../../core/projectTarget.ts';
import { projectTargetSchema } from '../../format/projectTargetSchema.ts';
import { targetKind } from '../shared/targetForms.ts';

export const projectTargetKind = targetKind({
  kind: 'project-target',
  schema: projectTargetSchema,
  subject: (place, summary) => documentSubject(place.departmentName, place.year, summary.subjectName ?? '项目', { zh: '绩效目标', en: 'targets' }),
  empty: (place) => emptyProjectTarget(place.departmentName, place.year),
  relations: ['target-links', 'ex-ante', 'rectification', 'proposal'],
});
