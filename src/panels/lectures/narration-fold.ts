/**
 * Where the step's narration box, scrolling, folds its text: on whole lines. The box's height
 * comes from the drawer's layout (the question and the answer take what they need), not from
 * the narration's lines, so its edges fall anywhere in a line: at Merkle step 12 (1280×720),
 * once the answer showed, the box's foot and the fade over it fell on the inspect card's first
 * line, a row of half-gone letters above "More of this step's text"; at 1024×576 the foot ran
 * through the narration's own lines. The lines an edge cuts, and a
 * paragraph (the card, with its border and background) none of whose lines would be left
 * whole, are hidden instead (a clip, which leaves the layout as it is), and More pages by
 * whole lines.
 */
import { useEffect, useState, type RefObject } from 'react';

/** A line of text, or a paragraph's box, in px from the top of the box's visible part. */
export interface Span {
  readonly top: number;
  readonly bottom: number;
}

/** A paragraph of the box (the narration, the inspect card): its own box and its lines. */
export interface Paragraph {
  readonly box: Span;
  readonly lines: readonly Span[];
}

export interface Fold {
  /** Px hidden at the box's top and at its foot: the lines, or the paragraphs, its edges cut. */
  readonly hideTop: number;
  readonly hideBottom: number;
  /** Px to scroll down to bring the last whole line shown to the top, whole; null with no whole line shown (nothing is hidden then). */
  readonly page: number | null;
}

/** Px a line may pass an edge and still count as whole: rounding of fractional layout. */
const SLACK_PX = 0.5;

/** The fold of a box `height` px tall that shows `paragraphs` (measured from the top of what it shows). */
export function foldOf(height: number, paragraphs: readonly Paragraph[]): Fold {
  const lines = paragraphs.flatMap((p) => p.lines);
  const isCut = (line: Span, edge: number) => line.top < edge - SLACK_PX && line.bottom > edge + SLACK_PX;
  let from = Math.max(0, ...lines.filter((l) => isCut(l, 0)).map((l) => l.bottom));
  let to = Math.min(height, ...lines.filter((l) => isCut(l, height)).map((l) => l.top));
  const isWhole = (line: Span) => line.top >= from - SLACK_PX && line.bottom <= to + SLACK_PX;
  // A paragraph an edge crosses with none of its lines left whole goes whole: a card's border and background alone
  // above the fold, or its first line's cut letters, still read as text cut off.
  for (const { box, lines: own } of paragraphs) {
    if (own.some(isWhole)) continue;
    if (box.top < to && box.bottom > to) to = Math.max(from, Math.min(to, box.top));
    if (box.top < from && box.bottom > from) from = Math.min(to, Math.max(from, box.bottom));
  }
  const shown = lines.filter(isWhole);
  // A box shorter than a line shows what it can rather than nothing.
  if (shown.length === 0) return { hideTop: 0, hideBottom: 0, page: null };
  const lastTop = Math.max(...shown.map((l) => l.top));
  // One line alone shown: the page moves on to the line under it.
  const page = lastTop > SLACK_PX ? lastTop : to;
  return { hideTop: from, hideBottom: height - to, page };
}

/** The box's fold as it stands: its paragraphs are its child elements, their lines their text's line boxes. */
export function measureFold(box: HTMLElement): Fold {
  const top = box.getBoundingClientRect().top + box.clientTop;
  const span = (r: DOMRect): Span => ({ top: r.top - top, bottom: r.bottom - top });
  const paragraphs = [...box.children].map((child): Paragraph => {
    const lines: Span[] = [];
    const texts = document.createTreeWalker(child, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let text = texts.nextNode(); text; text = texts.nextNode()) {
      range.selectNodeContents(text);
      for (const rect of range.getClientRects()) if (rect.width > 0 && rect.height > 0) lines.push(span(rect));
    }
    return { box: span(child.getBoundingClientRect()), lines };
  });
  return foldOf(box.clientHeight, paragraphs);
}

/**
 * Keeps the box's fold on whole lines while `isOver` (its text overflows), as it scrolls and
 * as the drawer resizes it: in the box's --fold-top and --fold-bottom, which app.css clips.
 * Returns whether the fold hides a line at the box's foot: scrolled to within a few px of its
 * end (what `useOverflow` calls the end), the last line can still be cut, so hidden, and More
 * must not yet turn into "Start".
 */
export function useWholeLines(ref: RefObject<HTMLElement | null>, isOver: boolean): boolean {
  const [hidesFoot, setHidesFoot] = useState(false);
  useEffect(() => {
    const box = ref.current;
    if (!box || !isOver) return;
    const clip = () => {
      const fold = measureFold(box);
      box.style.setProperty('--fold-top', `${fold.hideTop}px`);
      box.style.setProperty('--fold-bottom', `${fold.hideBottom}px`);
      setHidesFoot(fold.hideBottom > 0);
    };
    // Its paragraphs too: the inspect card's text changes as playback moves, in a box whose own size stays.
    const resized = new ResizeObserver(clip);
    const observe = () => [box, ...box.children].forEach((el) => resized.observe(el));
    const changed = new MutationObserver(() => {
      observe();
      clip();
    });
    observe();
    changed.observe(box, { childList: true, subtree: true, characterData: true });
    box.addEventListener('scroll', clip, { passive: true });
    clip();
    return () => {
      resized.disconnect();
      changed.disconnect();
      box.removeEventListener('scroll', clip);
      box.style.removeProperty('--fold-top');
      box.style.removeProperty('--fold-bottom');
      setHidesFoot(false);
    };
  }, [ref, isOver]);
  return hidesFoot;
}
