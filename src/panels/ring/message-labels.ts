/**
 * Where the names of messages in flight go beside their dots on the ring (pure geometry):
 * each takes the side that covers least of what is already there, or none when every side
 * would cover another name (see `placeMessageLabels`).
 */

/** Where a message's label sits beside its dot. */
export type LabelSide = 'right' | 'left' | 'above' | 'below' | 'above-right' | 'above-left' | 'below-right' | 'below-left';

/** The sides tried, in order of preference: beside the dot reads best. */
const LABEL_SIDES: readonly LabelSide[] = ['right', 'left', 'above', 'below', 'above-right', 'above-left', 'below-right', 'below-left'];

/** Height of a message label's box: 16 px bold type, from the top of its capitals to the foot of its descenders. */
export const MESSAGE_LABEL_HEIGHT = 19;
/** Gap between a dot and its label. */
const LABEL_GAP = 5;

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The box a label of this width takes on this side of a dot of radius `r` at (x, y): where
 * the text `LABEL_AT` (MessagesLayer) puts is drawn, baseline 15 px below the box's top.
 */
export function messageLabelBox(x: number, y: number, r: number, width: number, side: LabelSide): Box {
  const h = MESSAGE_LABEL_HEIGHT;
  const above = y - r - LABEL_GAP - h + 4;
  const below = y + r + LABEL_GAP - 6;
  switch (side) {
    case 'right':
      return { x: x + r + LABEL_GAP, y: y - 10, width, height: h };
    case 'left':
      return { x: x - r - LABEL_GAP - width, y: y - 10, width, height: h };
    case 'above':
      return { x: x - width / 2, y: above, width, height: h };
    case 'below':
      return { x: x - width / 2, y: below, width, height: h };
    case 'above-right':
      return { x: x - r, y: above, width, height: h };
    case 'above-left':
      return { x: x + r - width, y: above, width, height: h };
    case 'below-right':
      return { x: x - r, y: below, width, height: h };
    case 'below-left':
      return { x: x + r - width, y: below, width, height: h };
  }
}

/** The most characters of a message's label drawn whole ("put(cart) hinted for node3" is 26): a 256-character key made a label wider than the panel. */
const MESSAGE_LABEL_CHARS = 30;
/** How many characters a longer label is cut to, "…" included. */
const MESSAGE_LABEL_CUT = 20;

/** A message's label as drawn: whole, or cut to its first characters and "…" (whole in its name and tooltip). */
export function drawnMessageLabel(label: string): string {
  return cutToChars(label, MESSAGE_LABEL_CHARS, MESSAGE_LABEL_CUT);
}

/**
 * `text` whole if it has at most `most` characters, else its first `cutTo` − 1 and "…". Counted
 * in characters, not UTF-16 units: a cut through an emoji's pair drew a broken glyph.
 */
export function cutToChars(text: string, most: number, cutTo = most): string {
  const chars = Array.from(text);
  return chars.length <= most ? text : `${chars.slice(0, cutTo - 1).join('')}…`;
}

/** The area two boxes share. */
export function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function circleBox(c: { readonly x: number; readonly y: number; readonly r: number }): Box {
  return { x: c.x - c.r, y: c.y - c.r, width: 2 * c.r, height: 2 * c.r };
}

/**
 * A label may cover this share of its area of other labels and the ring's words before it
 * is left out: past it, neither could be read.
 */
const CROWDED_SHARE = 0.1;

/**
 * A side for each message's label, so labels cover neither each other, nor node badges,
 * nor the ring's own words, nor other messages' dots, and stay inside the panel: each
 * label in turn takes the side that overlaps least what is already placed (ties go to the
 * preferred side). When every side would cover another label or the ring's words, a node's
 * badge or another message's dot too much, the message is crowded out: null, drawn as its dot alone (its name shows on hover or
 * focus). `first` is placed before the rest, so the message a lecturer opened keeps its
 * name. A pure function of where the dots are, so stepping back and scrubbing lay labels
 * out exactly as playing forward did.
 */
/** Room kept on either side of the ring's own words (token and key names). */
const WORD_GAP_PX = 8;

export function placeMessageLabels(
  dots: readonly { readonly x: number; readonly y: number; readonly labelWidth: number }[],
  dotR: number,
  badges: readonly { readonly x: number; readonly y: number; readonly r: number }[],
  width: number,
  height: number,
  words: readonly Box[] = [],
  first = -1,
): (LabelSide | null)[] {
  const badgeBoxes = badges.map(circleBox);
  // A label touching a name reads as part of it ("D" beside "1 differing key" read "D1 differing
  // key", and D1 is a version): the ring's words keep a little room around them.
  const wordBoxes = words.map((w) => ({ x: w.x - WORD_GAP_PX, y: w.y - 2, width: w.width + 2 * WORD_GAP_PX, height: w.height + 4 }));
  const dotBoxes = dots.map((d) => circleBox({ x: d.x, y: d.y, r: dotR }));
  const placed: Box[] = [];
  const sides: (LabelSide | null)[] = dots.map(() => null);
  const order = dots.map((_, i) => i);
  if (first >= 0 && first < dots.length) order.unshift(order.splice(first, 1)[0]!);
  for (const i of order) {
    const d = dots[i]!;
    let best: LabelSide = 'right';
    let bestBox: Box | null = null;
    let bestCost = Infinity;
    let bestCrowding = 0;
    LABEL_SIDES.forEach((side, rank) => {
      const box = messageLabelBox(d.x, d.y, dotR, d.labelWidth, side);
      const inside = overlap(box, { x: 0, y: 0, width, height });
      let crowding = 0;
      for (const other of placed) crowding += overlap(box, other);
      // The ring's words are names: covering a few pixels of one reads as a different name.
      for (const other of wordBoxes) crowding += 2 * overlap(box, other);
      // A badge or a dot over a label hides letters: they weigh most. Its own dot is where it belongs.
      for (const other of badgeBoxes) crowding += 2 * overlap(box, other);
      dotBoxes.forEach((other, j) => (crowding += j === i ? 0 : 2 * overlap(box, other)));
      const cost = 3 * (box.width * box.height - inside) + rank + 2 * crowding;
      if (cost < bestCost) {
        bestCost = cost;
        best = side;
        bestBox = box;
        bestCrowding = crowding;
      }
    });
    // The message a lecturer opened always keeps its name.
    if (i !== first && bestCrowding > CROWDED_SHARE * bestBox!.width * bestBox!.height) continue;
    placed.push(bestBox!);
    sides[i] = best;
  }
  return sides;
}
