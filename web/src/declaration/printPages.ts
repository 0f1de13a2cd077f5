/**
 * How the indicator table breaks into printed pages. Browsers split a table between pages but
 * print a merged cell (the 一级 and 二级 labels) only on the page where it starts; the official form
 * needs them on every page. So the table is cut into one table per page, each with its own header
 * and its own merged cells, at breaks worked out here from the measured heights of the rows.
 */

/** The printable height of an A4 landscape page in CSS pixels: 210 mm less 14 mm margins top and bottom. */
export const PAGE_HEIGHT_PX = ((210 - 28) / 25.4) * 96;
/** The printable width: 297 mm less 10 mm margins either side. */
export const PAGE_WIDTH_PX = ((297 - 20) / 25.4) * 96;
/** Room left for what measuring on screen cannot know exactly (font hinting, rounding). */
const SLACK = 0.94;

export interface PageBreakInput {
  /** Height of what comes before the indicator table (the budget, projects and goals table). */
  readonly before: number;
  /** Height of the indicator table's header. */
  readonly header: number;
  /** Height of each indicator row, in order. */
  readonly rows: readonly number[];
  readonly pageHeight?: number;
}

/** The indicator rows of each printed page (indexes), and whether the first page's rows follow the table before them. */
export function pageBreaks({ before, header, rows, pageHeight = PAGE_HEIGHT_PX }: PageBreakInput): { pages: number[][]; sharesFirstPage: boolean } {
  const room = pageHeight * SLACK;
  const usedOnLastPage = before % room;
  // What is left of the page the first table ends on, if the header and a few rows fit there.
  const left = room - usedOnLastPage;
  const firstRows = rows.slice(0, 3).reduce((a, b) => a + b, 0);
  const sharesFirstPage = left >= header + firstRows;
  const pages: number[][] = [];
  let current: number[] = [];
  let free = (sharesFirstPage ? left : room) - header;
  rows.forEach((height, index) => {
    if (current.length > 0 && height > free) {
      pages.push(current);
      current = [];
      free = room - header;
    }
    current.push(index);
    free -= height;
  });
  if (current.length > 0) pages.push(current);
  return { pages, sharesFirstPage };
}
