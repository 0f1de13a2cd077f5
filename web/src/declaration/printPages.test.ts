import { describe, expect, it } from 'vitest';
import { pageBreaks } from './printPages.ts';

describe('pageBreaks', () => {
  it('fills the rest of the first page, then whole pages, each with room for its header', () => {
    const { pages, sharesFirstPage } = pageBreaks({ before: 500, header: 40, rows: Array(30).fill(30), pageHeight: 1000 });
    expect(sharesFirstPage).toBe(true);
    // 940 of room: 440 left after the first table, less the header: 13 rows; then (940 − 40) / 30 = 30 a page.
    expect(pages[0]).toHaveLength(13);
    expect(pages[1]).toHaveLength(17);
    expect(pages.flat()).toEqual([...Array(30).keys()]);
  });

  it('starts on a new page when too little of the first is left', () => {
    const { pages, sharesFirstPage } = pageBreaks({ before: 900, header: 40, rows: [30, 30, 30, 30], pageHeight: 1000 });
    expect(sharesFirstPage).toBe(false);
    expect(pages).toEqual([[0, 1, 2, 3]]);
  });

  it('puts a row taller than a page on a page of its own rather than nowhere', () => {
    expect(pageBreaks({ before: 0, header: 40, rows: [2000, 10], pageHeight: 1000 }).pages).toEqual([[0], [1]]);
  });
});
