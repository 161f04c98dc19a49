/**
 * Room for the key's versions under the preference list. At 1280×720 the key column is about
 * 425 px: a preference list of six rows with its notes took 290 of them, and the Versions panel
 * under it showed only the bottom edges of D1 and D2, the two siblings the step was about
 * (lecture 002, "B is slow, not down"). So the versions keep the height of their cards, the
 * line of who holds which and the legend; the preference list yields what it can spare: first
 * its "+ 2 more fallbacks" line and its note written long (a short note in its place), then
 * the note and the split's banner, then its fallback rows, which scroll. It keeps its title,
 * its header and the key's top N rows. While a question waits, the veil over the table folds the
 * same way, to one line.
 *
 * Where even that leaves the versions short (the paper's D1 to D5 with their legend; the cart's
 * three versions, who holds which and the veiled lineage's note), the column is drawn tighter, one
 * step at a time: first the preference list's rows in smaller type (15 px), the tabs and the gaps
 * closer and the versions' "Click two versions" hint folded away; then the legend's and the veiled
 * notes' second halves ("siblings: concurrent", without ", neither clock descends from the other").
 * The cards, who holds which and the legend stay, in their own type.
 *
 * Measured from the page (the versions' drawing scales with the column's width, a note wraps
 * with the node ids), as `versionsRoom` says; the preference list's folded lines stay laid out
 * (hidden, out of the flow), so each fold's height is known without unfolding it. Each tightness
 * is measured as drawn: the column takes its class for the measure and gets its own back, in the
 * same task, before anything is painted.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';

/** How much of the preference list is folded: 0 nothing, 1 its long note and "+ N more", 2 its notes and banner too. */
export type PrefFold = 0 | 1 | 2;

/**
 * How tightly the column is drawn, beyond the preference list's fold: 0 as everywhere else; 1 the list's rows
 * in smaller type, the tabs and gaps closer and the versions' hint folded; 2 the legend's and notes' second halves too.
 */
export type Tightness = 0 | 1 | 2;

export interface VersionsRoom {
  /** The least height of the Versions panel, in px. */
  readonly minPx: number;
  readonly fold: PrefFold;
  /** Never above 0 while the versions fit without it. */
  readonly tight: Tightness;
}

const NONE: VersionsRoom = { minPx: 0, fold: 0, tight: 0 };
const TIGHTNESS: readonly Tightness[] = [0, 1, 2];

/** The class of each tightness above 0, in order: a column drawn at tightness t has the first t of them (app.css). */
const TIGHT_CLASSES = ['tight-1', 'tight-2'] as const;

/** The column's classes for `room`: the preference list's fold and, when drawn tighter, each tightness up to it (app.css). */
export function roomClasses(room: VersionsRoom): string {
  return `${room.fold > 0 ? ` pref-fold-${room.fold}` : ''}${TIGHT_CLASSES.slice(0, room.tight).map((c) => ` ${c}`).join('')}`;
}

function setTightness(column: HTMLElement, tight: Tightness): void {
  TIGHT_CLASSES.forEach((c, i) => column.classList.toggle(c, i < tight));
}

/** Keeps `VersionsRoom` up to date with the column's size and what its panels show, when `isOn` (the Versions tab is open). */
export function useVersionsRoom(column: RefObject<HTMLElement | null>, isOn: boolean): VersionsRoom {
  const [room, setRoom] = useState<VersionsRoom>(NONE);
  useLayoutEffect(() => {
    const el = column.current;
    if (!el || !isOn) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      const next = versionsRoom(el);
      setRoom((r) => (r.fold === next.fold && r.tight === next.tight && Math.abs(r.minPx - next.minPx) < 1 ? r : next));
    };
    const later = () => {
      if (frame === 0) frame = requestAnimationFrame(measure);
    };
    measure();
    // The column's size, and anything drawn in it: a version added, a note that appears, a row more.
    const resized = new ResizeObserver(later);
    resized.observe(el);
    const changed = new MutationObserver(later);
    changed.observe(el, { childList: true, subtree: true, characterData: true });
    return () => {
      cancelAnimationFrame(frame);
      resized.disconnect();
      changed.disconnect();
    };
  }, [column, isOn]);
  return isOn ? room : NONE;
}

/**
 * The Versions panel's least height, the preference list's fold and the least tightness at which the
 * cards, who holds which and the legend are whole (else the tightest), each tightness as laid out.
 */
export function versionsRoom(column: HTMLElement): VersionsRoom {
  const was = column.className;
  let room = NONE;
  for (const tight of TIGHTNESS) {
    setTightness(column, tight);
    const laid = roomAsLaidOut(column);
    room = { minPx: laid.minPx, fold: laid.fold, tight };
    if (laid.isWhole) break;
  }
  if (column.className !== was) column.className = was;
  return room;
}

/** The room from the column as laid out now, and whether the versions are whole in it. */
function roomAsLaidOut(column: HTMLElement): { minPx: number; fold: PrefFold; isWhole: boolean } {
  const pref = column.querySelector<HTMLElement>('.pref-panel');
  const versions = column.querySelector<HTMLElement>('.versions-panel');
  if (!pref || !versions) return { minPx: 0, fold: 0, isWhole: true };
  const gap = parseFloat(getComputedStyle(column).rowGap) || 0;
  const tabs = column.querySelector<HTMLElement>('.key-tabs')?.offsetHeight ?? 0;
  const free = column.clientHeight - tabs - 2 * gap;
  const heights = prefHeights(pref);
  const need = versionsNeed(versions);
  const minPx = Math.max(0, Math.min(need.box + 2, free - heights.essential));
  // `essential` counts the list's top border twice (in its title's offset and its padding) and is not rounded as the grid rounds.
  const isWhole = need.text <= free - heights.essential + 2;
  const room = free - minPx;
  const fold: PrefFold = heights.full <= room ? 0 : heights.short <= room ? 1 : 2;
  if (fold < 2) return { minPx, fold, isWhole };
  // Folded to its table, the list ends at a row's edge (the fallbacks it has room for), not across a row: the versions take the rest.
  const ends = heights.rowEnds.filter((end) => end <= room);
  return { minPx: free - Math.max(heights.essential, ...ends), fold, isWhole };
}

/**
 * The Versions panel's height with its cards, who holds which and the legend whole, and a veiled note under
 * them; the reconciliation below them may scroll. `box` keeps the frames whole (and is the room the panel
 * keeps, with 2 px to spare); `text`, what is written in them: a note's frame may lose its padding. At the
 * cart's 10:04 answer the veiled lineage's dashed edge lay 3 px under the panel's end, its words whole, and
 * the column was not drawn tighter for it.
 */
function versionsNeed(panel: HTMLElement): { box: number; text: number } {
  const body = panel.querySelector<HTMLElement>('.versions-body');
  if (!body) return { box: 0, text: 0 };
  const origin = body.getBoundingClientRect().top - body.scrollTop;
  const shown = [...body.children].filter((child) => !child.classList.contains('reconcile'));
  const bottoms = shown.map((child) => {
    const style = getComputedStyle(child);
    const box = child.getBoundingClientRect().bottom - origin;
    return { box, text: box - parseFloat(style.paddingBottom) - parseFloat(style.borderBottomWidth) };
  });
  // The head, the hint under the body, the padding and the borders: the panel less its body.
  const rest = panel.offsetHeight - body.clientHeight;
  return { box: Math.ceil(rest + Math.max(0, ...bottoms.map((b) => b.box))), text: Math.ceil(rest + Math.max(0, ...bottoms.map((b) => b.text))) };
}

/**
 * The preference list's heights: `essential`, its title, header and top N rows; `short`, that with its
 * split banner and its note in one line; `full`, everything (veiled, `essential` is the veil's one line).
 * Folded lines are laid out out of the flow (app.css), so they are measured as they would stand.
 */
function prefHeights(pref: HTMLElement): { essential: number; short: number; full: number; rowEnds: readonly number[] } {
  const top = pref.getBoundingClientRect().top;
  const title = pref.querySelector('.panel-title');
  const titled = title ? title.getBoundingClientRect().bottom + parseFloat(getComputedStyle(title).marginBottom) - top : 0;
  const padding = pref.offsetHeight - pref.clientHeight + parseFloat(getComputedStyle(pref).paddingBottom);
  const table = pref.querySelector('table');
  const rows = table ? [...table.tBodies[0]?.rows ?? []] : [];
  const topRows = rows.filter((row) => !/^F/.test(row.cells[0]?.textContent ?? ''));
  const tableTop = table?.getBoundingClientRect().top ?? 0;
  const height = (sel: string) => outerHeight(pref.querySelector<HTMLElement>(sel));
  if (pref.querySelector('.pref-veil')) {
    // Veiled while a question waits: as tall as the table it hides, or folded, one line that says so.
    const full = titled + height('.pref-split') + height('.pref-veil.long') + padding;
    return { essential: titled + height('.pref-veil.short') + padding, short: full, full, rowEnds: [] };
  }
  if (!table) {
    // No key: as tall as it is drawn.
    const last = pref.lastElementChild?.getBoundingClientRect().bottom ?? top;
    const whole = last - top + padding;
    return { essential: whole, short: whole, full: whole, rowEnds: [] };
  }
  const topN = (topRows.at(-1)?.getBoundingClientRect().bottom ?? tableTop) - tableTop;
  const essential = titled + topN + padding;
  const tableAll = table.offsetHeight;
  const split = height('.pref-split');
  return {
    essential,
    // The list's height ending at each row, the top N and then each fallback.
    rowEnds: rows.slice(topRows.length).map((row) => titled + row.getBoundingClientRect().bottom - tableTop + padding),
    short: titled + split + tableAll + height('.pref-routed.short') + padding,
    full: titled + split + tableAll + height('p.more') + height('.pref-routed.long') + padding,
  };
}

/** An element's height with its vertical margins; 0 when it is not drawn. */
function outerHeight(el: HTMLElement | null): number {
  if (!el) return 0;
  const style = getComputedStyle(el);
  return el.offsetHeight + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
}
