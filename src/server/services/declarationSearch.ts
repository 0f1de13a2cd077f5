/**
 * The forms list's search: the user's words as the index terms a form must hold (store/searchTokens.ts).
 *
 * Each term the user typed (separated by spaces) is cut into words by jieba (jieba-wasm: the jieba-rs
 * segmenter and its dictionary in WebAssembly; chosen over @node-rs/jieba, which cuts faster but
 * loads its dictionary in 125 ms against 32 ms, holds 40 MB more and needs a native binary per
 * platform — a query is a few words, cut in microseconds either way). A form matches when it holds
 * every word of every term: each word's bigrams (core/searchTerms.ts), so a word is found wherever it
 * stands, and the words of 政务信息化建设 need not stand together. A form that holds the term as
 * typed holds all its words: nothing the old substring search found is lost.
 *
 * A term of one character (no bigram) is searched in the text itself: with pg_trgm's index where
 * PostgreSQL has it. A term with letters, digits or signs must stand in the text as typed (2025年 is
 * not 2025 here and 5年 there), but the text is read only where the form holds all the term's bigrams:
 * alone they would narrow little (most forms hold 20 and 25), together they leave the few forms to
 * read (2025年 holds 5年), so the search never reads every form's text.
 */
import { bigramsOf, searchForm } from '../../core/searchTerms.ts';
import { tsqueryLiteral } from '../../store/searchTokens.ts';

type Cut = (text: string, hmm?: boolean) => string[];
let segmenter: Promise<Cut> | undefined;

/** jieba, loaded on the first search (its WebAssembly and dictionary take 30 ms a process). */
function cut(): Promise<Cut> {
  segmenter ??= import('jieba-wasm').then((jieba) => jieba.cut);
  return segmenter;
}

/** A term of Chinese characters only: its words are found by their bigrams alone. */
const HAN_ONLY = /^\p{Script=Han}+$/u;

/** Words as jieba cuts them, a word of one character joined to the one before it (or after, first): it keeps its neighbour. */
export function wordsOf(pieces: readonly string[]): string[] {
  const words: string[] = [];
  let pending = '';
  for (const piece of pieces) {
    if (piece.trim() === '') continue;
    const word = pending + piece;
    pending = '';
    if ([...word].length < 2) {
      if (words.length > 0) words[words.length - 1] += word;
      else pending = word;
    } else {
      words.push(word);
    }
  }
  if (pending !== '') {
    if (words.length > 0) words[words.length - 1] += pending;
    else words.push(pending);
  }
  return words;
}

/** The search's conditions: a tsquery over the index terms (null: none), and texts the search text must contain. */
export interface SearchQuery {
  readonly tsquery: string | null;
  readonly substrings: readonly string[];
}

/** The conditions a form must meet to be found by `q`. */
export async function searchQuery(q: string): Promise<SearchQuery> {
  const terms = new Set<string>();
  const substrings: string[] = [];
  for (const typed of q.trim().split(/\s+/)) {
    if (typed === '') continue;
    const folded = searchForm(typed);
    if ([...folded].length < 2) {
      substrings.push(typed);
      continue;
    }
    if (!HAN_ONLY.test(folded)) {
      for (const bigram of bigramsOf(folded)) terms.add(bigram);
      substrings.push(typed);
      continue;
    }
    for (const word of wordsOf((await cut())(folded, true))) for (const bigram of bigramsOf(word)) terms.add(bigram);
  }
  return { tsquery: tsqueryLiteral([...terms]), substrings };
}
