/**
 * What the forms list's search compares. Chinese has no spaces between words, and users expect a
 * search for 信息化 to find 推进政务信息化建设 whatever words a segmenter would see around it. So a
 * form is indexed by every two adjacent characters of its text (bigrams, as PostgreSQL's pg_bigm
 * does for CJK): any substring of two characters or more is made of bigrams the form holds, and is
 * found through them. Both the index and the query fold the text first (NFKC: full-width letters and
 * digits as half-width, compatibility ideographs as the unified ones; lower case), so those
 * differences no longer hide a form.
 */

/** Text folded as the search compares it. */
export function searchForm(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * The most terms a form is indexed by: PostgreSQL caps a tsvector at 1 MB. A form has a few
 * thousand; one that reached this would be searched by the terms of its first part only.
 */
export const MAX_INDEX_TERMS = 50_000;

/** Every two adjacent characters of a word (none for a word of one character). */
export function bigramsOf(word: string): string[] {
  const chars = [...word];
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) bigrams.push(`${chars[i] as string}${chars[i + 1] as string}`);
  return bigrams;
}

/** A text's index terms: the distinct bigrams of its folded runs between white space. */
export function indexTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const run of searchForm(text).split(/\s+/)) {
    for (const bigram of bigramsOf(run)) {
      terms.add(bigram);
      if (terms.size >= MAX_INDEX_TERMS) return [...terms];
    }
  }
  return [...terms];
}
