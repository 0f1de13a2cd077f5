/**
 * The audit log's actions in words, for people: the web app's audit page and the CSV export show
 * these, never the codes. A code missing here is shown as itself (a test holds every code the
 * server writes to this list).
 */
export const AUDIT_ACTIONS: Readonly<Record<string, { readonly zh: string; readonly en: string }>> = {
  'declaration.create': { zh: '新建申报表', en: 'Created a form' },
  'declaration.update': { zh: '保存申报表', en: 'Saved a form' },
  'declaration.restore': { zh: '恢复历史版本', en: 'Restored a version' },
  'declaration.name-version': { zh: '命名版本', en: 'Named a version' },
  'declaration.submit': { zh: '提交审核', en: 'Submitted for review' },
  'declaration.review': { zh: '审核', en: 'Reviewed' },
  'declaration.publish': { zh: '公开', en: 'Published' },
  'declaration.delete': { zh: '删除草稿', en: 'Deleted a draft' },
  'comment.create': { zh: '添加批注', en: 'Commented' },
  'monitoring.round-open': { zh: '开启监控轮次', en: 'Opened a monitoring round' },
  'monitoring.report-create': { zh: '生成监控表', en: 'Made a monitoring report' },
  'monitoring.report-update': { zh: '保存监控表', en: 'Saved a monitoring report' },
  'monitoring.report-submit': { zh: '提交监控表', en: 'Submitted a monitoring report' },
  'monitoring.report-return': { zh: '退回监控表', en: 'Returned a monitoring report' },
  'monitoring.report-accept': { zh: '审核通过监控表', en: 'Accepted a monitoring report' },
  'monitoring.report-advice': { zh: '提出整改意见', en: 'Gave rectification advice' },
  'monitoring.comment': { zh: '批注监控表', en: 'Commented on a monitoring report' },
  'evaluation.create': { zh: '开始绩效自评', en: 'Started a self-evaluation' },
  'evaluation.update': { zh: '保存绩效自评', en: 'Saved a self-evaluation' },
  'evaluation.submit': { zh: '提交绩效自评', en: 'Submitted a self-evaluation' },
  'evaluation.return': { zh: '退回绩效自评', en: 'Returned a self-evaluation' },
  'evaluation.accept': { zh: '审核通过绩效自评', en: 'Accepted a self-evaluation' },
  'evaluation.publish': { zh: '公开绩效自评', en: 'Published a self-evaluation' },
  'evaluation.comment': { zh: '批注绩效自评', en: 'Commented on a self-evaluation' },
  'evaluation.rescore': { zh: '重新计分', en: 'Rescored a self-evaluation' },
  'declaration.recheck': { zh: '重新检查', en: 'Checked a form again' },
  'declaration.bulk-load': { zh: '批量载入申报表', en: 'Loaded forms in bulk' },
  'job.create': { zh: '创建后台任务', en: 'Started a background job' },
  'job.cancel': { zh: '取消后台任务', en: 'Cancelled a background job' },
  'user.create': { zh: '新建用户', en: 'Created a user' },
  'user.update': { zh: '修改用户', en: 'Changed a user' },
  'user.password': { zh: '修改本人密码', en: 'Changed own password' },
  'session.start': { zh: '登录', en: 'Signed in' },
  'session.end': { zh: '退出登录', en: 'Signed out' },
  'session.failed': { zh: '登录失败', en: 'Failed sign-in' },
  'token.create': { zh: '创建 API 令牌', en: 'Created an API token' },
  'token.revoke': { zh: '吊销 API 令牌', en: 'Revoked an API token' },
  'region.create': { zh: '新建区划', en: 'Created a region' },
  'region.update': { zh: '修改区划', en: 'Changed a region' },
  'department.create': { zh: '新建部门', en: 'Created a department' },
  'department.update': { zh: '修改部门', en: 'Changed a department' },
  'department.archive': { zh: '归档部门', en: 'Archived a department' },
  'department.restore': { zh: '恢复部门', en: 'Restored a department' },
  'department.move': { zh: '移动部门到其他区划', en: 'Moved a department to another region' },
};

/** The action in words, or its code when it has none. */
export function auditActionName(action: string, lang: 'zh' | 'en'): string {
  return Object.hasOwn(AUDIT_ACTIONS, action) ? (AUDIT_ACTIONS[action]?.[lang] ?? action) : action;
}
