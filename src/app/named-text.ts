/**
 * How the page writes text that names keys and values, which come from users and may be in
 * any script. Two rules, for every panel alike:
 *
 * - Escaped as the runners write it. A trace line is `describe`'s, which keeps it to one line
 *   (`oneLine`) for the page and `npm run sim -- --trace` alike, so no control character is left
 *   in it: a value holding U+202E RIGHT-TO-LEFT OVERRIDE drew the rest of its line backwards,
 *   and the override left in the page made Chromium draw other lines backwards too.
 * - A right-to-left name set apart from the words around it. A key in Hebrew or Arabic takes
 *   the neutral text beside it into its own direction: the preference list's title
 *   "· עגלה @ 59 · N=3" was drawn "· 59 @ עגלה · N=3", the position read before the key. Each
 *   name holding a right-to-left letter is isolated (`<bdi>` in HTML, a tspan with
 *   `unicode-bidi: plaintext` in SVG, U+2068…U+2069 in a menu's option, which holds text only;
 *   NamedText.tsx), so it reads in its own direction and the line in its own.
 *
 * A tooltip (`title`, SVG's `<title>`) and an accessible name (`aria-label`) name a key as the
 * line does (`keyName`): a key pasted with U+202E named the ring's key button with the override
 * in it, a tooltip holding one was drawn backwards, and a line break split the name. A tooltip
 * holds text only, so its right-to-left names are isolated with `withIsolates`; an accessible
 * name is read, not drawn, and takes no isolates.
 */

/** A piece of a line: a right-to-left name to isolate, or the text between names. */
export interface TextRun {
  readonly text: string;
  readonly isIsolated: boolean;
}

/** The letters written right to left: Hebrew, Arabic, Syriac, Thaana, N'Ko…, their presentation forms, and the historic scripts of the supplementary planes. */
const RTL = '\\u0590-\\u08ff\\ufb1d-\\ufdff\\ufe70-\\ufefe\\u{10800}-\\u{10fff}\\u{1e800}-\\u{1efff}';
const HAS_RTL = new RegExp(`[${RTL}]`, 'u');
/** What ends a word: a space or one of `"',()=`, which `keyName` quotes, so a plain key is one word. */
const SEP = `\\s"',()=`;
/**
 * A word holding a right-to-left letter. It starts only where a word starts (the lookbehind):
 * tried from every letter of a long left-to-right word, it scanned to the word's end each time,
 * and a 10,000-letter value beside a Hebrew word took 0.3 s to draw (50,000 letters, 8 s).
 */
const RTL_WORD = `(?<![^${SEP}])[^${SEP}]*[${RTL}][^${SEP}]*`;
/**
 * A name: a JSON string (an odd key, a value: `"my cart"`, `"נעליים"`), or right-to-left words
 * one after another (a plain key, or a note written in Hebrew, which reads as one sentence).
 */
const NAME = new RegExp(`"(?:[^"\\\\]|\\\\.)*"|${RTL_WORD}(?:\\s+${RTL_WORD})*`, 'gu');

/** A line cut where a right-to-left name starts and ends; a line without one is one run, not isolated. */
export function textRuns(text: string): TextRun[] {
  if (!HAS_RTL.test(text)) return [{ text, isIsolated: false }];
  const runs: TextRun[] = [];
  let at = 0;
  for (const m of text.matchAll(NAME)) {
    // A quoted name in a left-to-right script needs no isolating: it cannot turn the words around it.
    if (!HAS_RTL.test(m[0])) continue;
    if (m.index > at) runs.push({ text: text.slice(at, m.index), isIsolated: false });
    runs.push({ text: m[0], isIsolated: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) runs.push({ text: text.slice(at), isIsolated: false });
  return runs;
}

/** The line with each right-to-left name between U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE: for an `<option>` or a tooltip, which hold no `<bdi>`. */
export function withIsolates(text: string): string {
  return textRuns(text)
    .map((run) => (run.isIsolated ? `\u2068${run.text}\u2069` : run.text))
    .join('');
}
