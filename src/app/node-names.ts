/**
 * Short names for node ids that do not fit a panel's fixed space. Lecturers' own scenarios name
 * nodes "node10", "server-a", "dc1-node3" or "eu-west-1a"; a 165 px gossip circle cannot set ten
 * such names side by side. Each id is cut into its letter runs and digit runs ("dc1-node3" →
 * dc, 1, node, 3), a letter run kept as its first letter and a digit run whole ("d1n3"), and
 * the name is the shortest tail of that which starts with a letter and no other node shares
 * ("n3"): the number a class reads the node by stays, and so does the letter that says what
 * kind of node it is. Full ids stay in tooltips, accessible names and the panels' lists.
 */

/** An id's runs of letters and of digits, in order; separators dropped. */
function runs(id: string): string[] {
  return id.match(/\p{L}+|\p{N}+/gu) ?? [];
}

const isLetters = (run: string) => /^\p{L}/u.test(run);

/** The tails of an id's initials that start at a letter run, shortest first, ending with the whole. */
function tails(id: string): string[] {
  const all = runs(id);
  const parts = all.map((run) => (isLetters(run) ? [...run][0]! : run));
  if (parts.length === 0) return [id];
  const out: string[] = [];
  for (let i = parts.length - 1; i >= 0; i--) if (i === 0 || isLetters(all[i]!)) out.push(parts.slice(i).join(''));
  return out;
}

/**
 * A short name for each id, unique among them, in the order given; ids that all fit in
 * `fitChars` characters keep their own names (A…H, n1…n4, node1…node5 are drawn as they are).
 * Where two ids abbreviate alike ("node-1" and "node1"), each keeps its own first characters,
 * or failing that its position (#1, #2, …).
 */
export function shortNodeNames(ids: readonly string[], fitChars = 5): Map<string, string> {
  if (ids.every((id) => [...id].length <= fitChars)) return new Map(ids.map((id) => [id, id]));
  const candidates = ids.map(tails);
  const level = ids.map(() => 0);
  // Lengthen each name that another shares, until none is shared or names run out.
  for (let round = 0; round < 64; round++) {
    const names = candidates.map((c, i) => c[Math.min(level[i]!, c.length - 1)]!);
    const shared = names.map((n) => names.filter((m) => m === n).length > 1);
    const canGrow = shared.map((s, i) => s && level[i]! < candidates[i]!.length - 1);
    if (!canGrow.some(Boolean)) break;
    canGrow.forEach((grow, i) => (level[i] = level[i]! + (grow ? 1 : 0)));
  }
  const names = candidates.map((c, i) => c[Math.min(level[i]!, c.length - 1)]!);
  return new Map(ids.map((id, i) => [id, unique(names, i, ids)]));
}

function unique(names: readonly string[], i: number, ids: readonly string[]): string {
  const name = names[i]!;
  if (names.filter((n) => n === name).length === 1) return name;
  const own = [...ids[i]!].slice(0, 5).join('');
  const isOwnFree = !names.includes(own) && ids.filter((id) => [...id].slice(0, 5).join('') === own).length === 1;
  return isOwnFree ? own : `#${i + 1}`;
}

/** Whether any id was given a name other than its own. */
export function isAbbreviated(names: ReadonlyMap<string, string>): boolean {
  return [...names].some(([id, name]) => id !== name);
}

/** The most characters (code points) among the names, at least 1: what a panel sizes its nodes or labels for. */
export function longestName(names: ReadonlyMap<string, string>): number {
  let most = 1;
  for (const name of names.values()) most = Math.max(most, [...name].length);
  return most;
}
