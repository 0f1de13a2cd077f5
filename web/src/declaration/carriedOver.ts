/** A row copied from last year's form (复制上年) keeps last year's target in `carriedOver`: until its target is edited, it is marked so. */
export function carriedOverUnchanged(row: { readonly annualTarget: string; readonly carriedOver?: string | undefined }): boolean {
  return row.carriedOver !== undefined && row.annualTarget.trim() === row.carriedOver.trim();
}
