/**
 * Whether a department named in a form's text is the department it is being saved for: equal once
 * blanks are gone, or one name holding the other (海珠区政务服务和数据管理局 in 广州市海珠区政务服务和数据管理局).
 */
export function sameDepartment(printed: string, chosen: string): boolean {
  const a = printed.replace(/[\s\u3000]/g, '');
  const b = chosen.replace(/[\s\u3000]/g, '');
  return a === b || (a.length >= 4 && b.includes(a)) || (b.length >= 4 && a.includes(b));
}
