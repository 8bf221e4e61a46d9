/**
 * The mall search's words (table `sku_search_term`). MariaDB's InnoDB FULLTEXT splits on spaces and
 * skips tokens under 3 characters, and MariaDB has no ngram parser, so 耳机 inside 蓝牙耳机 is never
 * found by it; LIKE '%耳机%' finds it but reads every row it cannot rule out. Here a title becomes:
 * - every 2-character window of each run of CJK characters (蓝牙耳机 → 蓝牙, 牙耳, 耳机);
 * - every run of letters and digits as one lower-cased word (iPhone15 → iphone15; "Pro 2" → pro, 2).
 * A search text is split the same way: a CJK run of 2+ characters must have its covering bigrams
 * (耳机 → 耳机; 蓝牙耳机 → 蓝牙, 耳机), a run of 3+ is then checked as a phrase on the title (LIKE), a
 * single CJK character only by LIKE, and a word must be a whole word of the title. The numbers are in
 * the tenants README ("Mall search").
 */

/** Longest search text, in characters. */
export const MAX_SEARCH_TEXT = 50;
/** Most terms a search text may ask for (each is one indexed EXISTS). */
export const MAX_SEARCH_TERMS = 8;
/** Longest stored term (a longer latin word is cut: both sides cut the same way). */
export const MAX_TERM_LENGTH = 32;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const RUNS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[\p{L}\p{N}]+/gu;

function runsOf(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(RUNS) ?? [];
}

const isCjk = (run: string) => CJK.test(run[0]!);

/** The distinct terms of a title, as stored in `sku_search_term`. */
export function titleTerms(title: string): string[] {
  const terms = new Set<string>();
  for (const run of runsOf(title)) {
    if (isCjk(run)) {
      const chars = [...run];
      for (let i = 0; i + 1 < chars.length; i++) terms.add(chars[i]! + chars[i + 1]!);
    } else {
      terms.add([...run].slice(0, MAX_TERM_LENGTH).join(''));
    }
  }
  return [...terms];
}

export interface TextQuery {
  /** Terms every result has (indexed). */
  terms: string[];
  /** Substrings the title must contain (CJK runs of 3+ characters, or single characters). */
  phrases: string[];
}

/**
 * A search text as terms and phrases; null when it has nothing to search for (only punctuation).
 * The caller has checked its length.
 */
export function textQuery(text: string): TextQuery | null {
  const terms = new Set<string>();
  const phrases = new Set<string>();
  for (const run of runsOf(text)) {
    if (!isCjk(run)) {
      terms.add([...run].slice(0, MAX_TERM_LENGTH).join(''));
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) {
      phrases.add(run);
      continue;
    }
    // Bigrams at 0, 2, 4, … and the last one: together they cover every character.
    for (let i = 0; i + 1 < chars.length; i += 2) terms.add(chars[i]! + chars[i + 1]!);
    if (chars.length % 2 === 1) terms.add(chars[chars.length - 2]! + chars[chars.length - 1]!);
    if (chars.length > 2) phrases.add(run);
  }
  if (terms.size === 0 && phrases.size === 0) return null;
  return { terms: [...terms], phrases: [...phrases] };
}
