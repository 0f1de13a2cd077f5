/**
 * A list's count as its pagination says it. A search counts what it found up to a limit (the server
 * says `totalAtLeast` past it): then the count is "more than", with the way to narrow it.
 */
export function listTotal(t: (zh: string, en: string) => string, total: number, totalAtLeast: boolean | undefined, unit: { readonly zh: string; readonly en: string }): string {
  const n = total.toLocaleString('en-US');
  return totalAtLeast ? t(`超过 ${n} ${unit.zh}，可再加词缩小范围`, `More than ${n} ${unit.en}: add a word to narrow the search`) : t(`共 ${n} ${unit.zh}`, `${n} ${unit.en}`);
}
