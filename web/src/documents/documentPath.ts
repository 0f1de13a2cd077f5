/** Where one document is in the API, whatever its kind: `/api/v1/documents/:id` and what hangs below it. */
export function documentPath(id: string, below = ''): string {
  return `/api/v1/documents/${encodeURIComponent(id)}${below}`;
}
