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

/** How far `box` must move to lie wholly inside a panel `width` × `height` (towards its top left when it is larger). */
export function shiftInside(box: Box, width: number, height: number): { readonly dx: number; readonly dy: number } {
  return { dx: Math.max(-box.x, Math.min(0, width - box.x - box.width)), dy: Math.max(-box.y, Math.min(0, height - box.y - box.height)) };
}

/** Where a message's label goes: the side of its dot, and its box, moved inside the panel where that side ran out of it. */
export interface LabelPlace {
  readonly side: LabelSide;
  readonly box: Box;
  /** How far the box was moved from `messageLabelBox`'s, to stay inside the panel. */
  readonly dx: number;
  readonly dy: number;
}

/** Room kept between two message names side by side: about a space in their 16 px bold type. */
const LABEL_SPACE_PX = 6;

/** Room kept on either side of the ring's own words (token and key names). */
const WORD_GAP_PX = 8;

/** A side for each message's label (see `placeMessageLabelBoxes`), or null where it is crowded out. */
export function placeMessageLabels(...args: Parameters<typeof placeMessageLabelBoxes>): (LabelSide | null)[] {
  return placeMessageLabelBoxes(...args).map((place) => place?.side ?? null);
}

/**
 * A side for each message's label, so labels cover neither each other, nor node badges,
 * nor the ring's own words, nor other messages' dots, and stay inside the panel: each
 * label in turn takes the side that overlaps least what is already placed (ties go to the
 * preferred side). A side that runs out of the panel costs what runs out, and the label is
 * moved back inside, along the edge, as far as it ran out ("transfer of 1 key", left of a
 * dot near the panel's left edge, lost its "t"); moved onto its own dot, that counts as
 * covering a dot. A side that covers too much is taken only when every side would: when every
 * side would cover another label or the ring's words, a node's badge or another message's dot
 * too much, the message is crowded out: null, drawn as its dot alone (its name shows on hover or
 * focus). `first` is placed before the rest, so the message a lecturer opened keeps its
 * name. A pure function of where the dots are, so stepping back and scrubbing lay labels
 * out exactly as playing forward did.
 */
export function placeMessageLabelBoxes(
  dots: readonly { readonly x: number; readonly y: number; readonly labelWidth: number }[],
  dotR: number,
  badges: readonly { readonly x: number; readonly y: number; readonly r: number }[],
  width: number,
  height: number,
  words: readonly Box[] = [],
  first = -1,
): (LabelPlace | null)[] {
  // A label touching a name reads as part of it ("D" beside "1 differing key" read "D1 differing
  // key", and D1 is a version): the ring's words keep a little room around them.
  const wordBoxes = words.map((w) => ({ x: w.x - WORD_GAP_PX, y: w.y - 2, width: w.width + 2 * WORD_GAP_PX, height: w.height + 4 }));
  const dotBoxes = dots.map((d) => circleBox({ x: d.x, y: d.y, r: dotR }));
  const scene = { badgeBoxes: badges.map(circleBox), wordBoxes, dotBoxes, placed: [] as Box[], width, height };
  const places: (LabelPlace | null)[] = dots.map(() => null);
  const order = dots.map((_, i) => i);
  if (first >= 0 && first < dots.length) order.unshift(order.splice(first, 1)[0]!);
  for (const i of order) {
    const d = dots[i]!;
    const tried = LABEL_SIDES.map((side, rank) => {
      const t = trySide(d, i, dotR, side, scene);
      return { ...t, cost: t.outside + rank + 2 * t.crowding, isCrowded: t.crowding > CROWDED_SHARE * t.place.box.width * t.place.box.height };
    });
    const cheapest = (options: typeof tried) => options.reduce<(typeof tried)[number] | null>((best, t) => (!best || t.cost < best.cost ? t : best), null);
    // The cheapest side that covers little; the message a lecturer opened keeps its name on the cheapest side of all.
    const best = cheapest(tried.filter((t) => !t.isCrowded)) ?? (i === first ? cheapest(tried) : null);
    if (!best) continue;
    scene.placed.push(best.place.box);
    places[i] = best.place;
  }
  return places;
}

interface Scene {
  readonly badgeBoxes: readonly Box[];
  readonly wordBoxes: readonly Box[];
  readonly dotBoxes: readonly Box[];
  readonly placed: readonly Box[];
  readonly width: number;
  readonly height: number;
}

/** One side for dot `i`'s label: its place inside the panel, what ran out of the panel (weighted), and what it covers. */
function trySide(d: { readonly x: number; readonly y: number; readonly labelWidth: number }, i: number, dotR: number, side: LabelSide, scene: Scene) {
  const drawn = messageLabelBox(d.x, d.y, dotR, d.labelWidth, side);
  const outside = 3 * (drawn.width * drawn.height - overlap(drawn, { x: 0, y: 0, width: scene.width, height: scene.height }));
  const { dx, dy } = shiftInside(drawn, scene.width, scene.height);
  const box = { ...drawn, x: drawn.x + dx, y: drawn.y + dy };
  let crowding = 0;
  for (const other of scene.placed) {
    // Two names end to end read as one ("get(cart)get(cart)"): the room of a space beside a placed
    // label weighs more than covering it would, so a name takes another side, or is left out.
    const covered = overlap(box, other);
    crowding += covered + 4 * (overlap(box, { x: other.x - LABEL_SPACE_PX, y: other.y, width: other.width + 2 * LABEL_SPACE_PX, height: other.height }) - covered);
  }
  // The ring's words are names: covering a few pixels of one reads as a different name.
  for (const other of scene.wordBoxes) crowding += 2 * overlap(box, other);
  // A badge or a dot over a label hides letters: they weigh most. Its own dot is where it belongs, unless the label was moved onto it.
  for (const other of scene.badgeBoxes) crowding += 2 * overlap(box, other);
  scene.dotBoxes.forEach((other, j) => (crowding += j === i && dx === 0 && dy === 0 ? 0 : 2 * overlap(box, other)));
  return { place: { side, box, dx, dy }, outside, crowding };
}
