/**
 * How a line of text names a key, and keeps to one line: a trace line, a message's label
 * on the ring and the space-time diagram, a lecture's listing, the runners' messages. A key
 * may hold any character.
 */

/**
 * A key where it would split the line or blur where the name ends: empty, or holding a
 * control character (a line break, a tab, NEL…), a space or other separator (U+2028…), a
 * format character, or one of `"',()=`.
 */
const UNPLAIN_KEY = /^$|[\p{Cc}\p{Cf}\p{Z}\s"',()=]/u;

/**
 * A key as a trace line names it: as it is (`cart`, `user:1`), or quoted as JSON where it
 * would split the line or blur where it ends (`"a\nb"`, `"my cart"`), with DEL, the C1
 * controls, U+2028/U+2029 and the bidi controls escaped too, as the runners' messages quote
 * a key (src/scenario/expect.ts, `quote`): every line stays one, and reads in its own order.
 */
export function keyName(key: string): string {
  return UNPLAIN_KEY.test(key) ? oneLine(JSON.stringify(key)) : key;
}

/**
 * Text kept to one line: every control character (a line break, a tab, an escape sequence),
 * DEL, the C1 controls and U+2028/U+2029 written as its \u escape (`a\u000ab`), as JSON writes
 * them, so none splits the line or reaches a terminal as a command. A trace line, a note, a
 * lecture's listing, and every name the runners' messages quote pass through this.
 *
 * The bidi controls too (U+202A…U+202E, U+2066…U+2069, U+200E/U+200F, U+061C), which JSON
 * leaves as they are: a key holding U+202E RIGHT-TO-LEFT OVERRIDE, pasted with it, drew the
 * rest of every line naming it backwards ("…W · B rotanidrooc aiv"), in the page and in a
 * terminal alike.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Bidi_Control}]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
