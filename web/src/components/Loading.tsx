/** The spinner of index.html (drawn by CSS alone, styles.css), for whatever is still loading. */
export function Loading() {
  return <div className="boot-loading" role="status" aria-label="加载中 Loading" />;
}
