/**
 * Which nodes can still talk to each other (pure): the groups a network partition made,
 * read from the cluster's blocked links, so the controls can say "split {A, B} | {C, D}".
 */

/** Groups of nodes joined by working links in both directions, in the nodes' order. */
export function networkGroups(nodes: readonly string[], blockedLinks: readonly string[]): string[][] {
  const blocked = new Set(blockedLinks);
  const parent = new Map(nodes.map((n) => [n, n]));
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  for (const a of nodes) {
    for (const b of nodes) {
      if (a < b && !blocked.has(`${a}>${b}`) && !blocked.has(`${b}>${a}`)) parent.set(find(a), find(b));
    }
  }
  const groups = new Map<string, string[]>();
  for (const n of nodes) {
    const root = find(n);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root)!.push(n);
  }
  return [...groups.values()];
}

/**
 * The next free node name, in the names the cluster already has: E after A–D on the teaching
 * ring, n33 after n1–n32, node5 after a file's node1–node4 (which were offered n5). Else n1, n2….
 */
export function nextNodeId(existing: readonly string[]): string {
  const taken = new Set(existing);
  if (existing.length > 0 && existing.every((id) => /^[A-Z]$/.test(id))) {
    for (let c = 65; c <= 90; c++) if (!taken.has(String.fromCharCode(c))) return String.fromCharCode(c);
  }
  const prefixes = new Set(existing.map((id) => /^(.*?)\d+$/.exec(id)?.[1]));
  const [only] = prefixes;
  const prefix = prefixes.size === 1 && only !== undefined ? only : 'n';
  for (let i = existing.length + 1; ; i++) if (!taken.has(`${prefix}${i}`)) return `${prefix}${i}`;
}

/** What the cut links do to the network, in a few words: "Split: {A, B} | {C, D}". */
export function splitText(groups: readonly (readonly string[])[]): string {
  return groups.length > 1 ? `Split: ${groups.map(groupText).join(' | ')}` : 'Some links are cut';
}

/** A group of nodes in a few words: a big one names its first three and counts the rest. */
export function groupText(group: readonly string[]): string {
  return group.length <= 4 ? `{${group.join(', ')}}` : `{${group.slice(0, 3).join(', ')}, … ${group.length - 3} more}`;
}
