/**
 * The diagram's zoom and scroll, as state: the wheel or a finger scrolls time, Ctrl+wheel
 * (or a pinch, on a trackpad or a touch screen) zooms around the pointer, and the view follows the cursor until the viewer scrolls away
 * (the Follow button brings it back). The arithmetic is in spacetime-layout.ts.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useAskedView, useStageStore } from '../../app/stage-store';
import { DEFAULT_PX_PER_MS, clampStart, fitAll, followCursor, scrollBy, showSpan, zoomAround, type TimeView } from './spacetime-layout';

const ZOOM_STEP = 1.5;
/** The view counts as moving until this long after the last wheel event. */
const MOVING_MS = 200;
/** Pixels of a wheel "line" (Firefox reports lines). */
const LINE_PX = 16;

export interface TimeViewControls {
  readonly view: TimeView;
  readonly isFollowing: boolean;
  /** True while the wheel scrolls or zooms, and for MOVING_MS after (the drawing may be cheaper then). */
  readonly isMoving: boolean;
  zoom(factor: number, anchorPx?: number): void;
  fit(): void;
  /** Shows `startMs`…`endMs` whole (see `showSpan`), following on. */
  show(startMs: number, endMs: number): void;
  follow(isOn: boolean): void;
  onKeyDown(e: KeyboardEvent): void;
}

/**
 * `heightPx`: the lanes' height; `lastMs`: the end of the trace so far; `cursorMs`: the time
 * to follow (the display clock, or the engine's time when the clock runs ahead);
 * `isPlaying` changes how the view follows it. `bodyRef` is the element whose wheel events
 * scroll and zoom, and whose top edge is time `view.startMs`.
 */
export function useTimeView(bodyRef: RefObject<HTMLElement | null>, heightPx: number, lastMs: number, cursorMs: number, isPlaying: boolean): TimeViewControls {
  // Kept in the stage's store: the zoom a lecturer chose survives a visit to another tab, and goes into a link.
  const kept = useStageStore.getState().timeView;
  const [stored, setView] = useState<TimeView>(kept ? { startMs: kept.startMs, pxPerMs: kept.pxPerMs } : DEFAULT_VIEW);
  const [isFollowing, setFollowing] = useState(kept?.isFollowing ?? true);
  useLinkedView(setView, setFollowing);
  // Following is derived while rendering (like the event log's scrolling): no effect runs a
  // frame late, and the view moves only when the cursor leaves its middle band.
  // A view left past the end of a new, shorter trace comes back to it.
  let view = stored;
  if (heightPx > 0 && isFollowing) view = followCursor(stored, cursorMs, heightPx, isPlaying);
  else if (heightPx > 0 && stored.startMs > Math.max(lastMs, cursorMs)) view = { ...stored, startMs: clampStart(stored.startMs, stored, heightPx, Math.max(lastMs, cursorMs)) };
  if (view !== stored) setView(view);

  const latest = useRef({ heightPx, lastMs, cursorMs });
  useEffect(() => {
    latest.current = { heightPx, lastMs, cursorMs };
  }, [heightPx, lastMs, cursorMs]);
  useEffect(() => useStageStore.getState().timeViewShown({ startMs: view.startMs, pxPerMs: view.pxPerMs, isFollowing }), [view.startMs, view.pxPerMs, isFollowing]);

  const scroll = useCallback((deltaPx: number) => {
    const { heightPx: h, lastMs: last } = latest.current;
    setFollowing(false);
    setView((v) => scrollBy(v, deltaPx, h, last));
  }, []);

  const zoom = useCallback((factor: number, anchorPx?: number) => {
    const { heightPx: h, lastMs: last, cursorMs: now } = latest.current;
    setView((v) => {
      const cursorY = (now - v.startMs) * v.pxPerMs;
      const anchor = anchorPx ?? (cursorY >= 0 && cursorY <= h ? cursorY : h / 2);
      const z = zoomAround(v, anchor, factor);
      return { ...z, startMs: clampStart(z.startMs, z, h, last) };
    });
  }, []);

  const [isMoving, setMoving] = useState(false);
  const stillTimer = useRef(0);
  const moved = useCallback(() => {
    setMoving(true);
    window.clearTimeout(stillTimer.current);
    stillTimer.current = window.setTimeout(() => setMoving(false), MOVING_MS);
  }, []);
  useEffect(() => () => window.clearTimeout(stillTimer.current), []);
  useWheel(bodyRef, scroll, zoom, moved);
  useTouch(bodyRef, scroll, zoom, moved);

  const fit = useCallback(() => {
    setFollowing(false);
    setView(fitAll(latest.current.lastMs, latest.current.heightPx));
  }, []);

  const show = useCallback((startMs: number, endMs: number) => {
    setFollowing(true);
    setView((v) => showSpan(v, startMs, endMs, latest.current.heightPx));
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    const page = heightPx * 0.8;
    const moves: Record<string, () => void> = {
      '+': () => zoom(ZOOM_STEP),
      '=': () => zoom(ZOOM_STEP),
      '-': () => zoom(1 / ZOOM_STEP),
      ArrowDown: () => scroll(40),
      ArrowUp: () => scroll(-40),
      PageDown: () => scroll(page),
      PageUp: () => scroll(-page),
    };
    const move = moves[e.key];
    if (!move || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    move();
  };

  return { view, isFollowing, isMoving, zoom, fit, show, follow: setFollowing, onKeyDown };
}

/** The view before any zoom or scroll: time 0 at the top, at the default scale. */
const DEFAULT_VIEW: TimeView = { startMs: -4, pxPerMs: DEFAULT_PX_PER_MS };

/** A view a link asked for (`timeViewAskedFor`) while the diagram is on the stage: taken up as it is. */
function useLinkedView(setView: (view: TimeView) => void, setFollowing: (isOn: boolean) => void): void {
  useAskedView(
    (s) => s.timeViewAsked,
    // Asked for null: the default view, following.
    (s) => s.timeView ?? { ...DEFAULT_VIEW, isFollowing: true },
    (view) => {
      setView({ startMs: view.startMs, pxPerMs: view.pxPerMs });
      setFollowing(view.isFollowing);
    },
  );
}

/** Wheel: scroll time, or zoom with Ctrl (a trackpad pinch). Not passive, so the page does not zoom. */
function useWheel(ref: RefObject<HTMLElement | null>, scroll: (deltaPx: number) => void, zoom: (factor: number, anchorPx: number) => void, moved: () => void): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const onWheel = (e: WheelEvent) => {
      const unit = e.deltaMode === 1 ? LINE_PX : e.deltaMode === 2 ? element.clientHeight : 1;
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        const top = element.getBoundingClientRect().top;
        zoom(Math.exp((-e.deltaY * unit) / 300), e.clientY - top);
        moved();
      } else if (!e.shiftKey && Math.abs(e.deltaY) >= Math.abs(e.deltaX)) {
        e.preventDefault();
        scroll(e.deltaY * unit);
        moved();
      }
      // Shift+wheel and sideways wheels scroll the lanes across, natively.
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [ref, scroll, zoom, moved]);
}

/** A finger that moves less than this is a tap (an arrow tapped jumps to its event), not a drag. */
const TAP_SLOP_PX = 8;

/**
 * Touch: one finger dragged up or down scrolls time, the page's way (the diagram follows the
 * finger); two fingers pinched zoom around their middle. Sideways drags scroll the lanes
 * across natively (`touch-action: pan-x` in spacetime.css). Before, touch did nothing but
 * zoom the whole page: a tablet could not scroll back to an earlier message.
 */
function useTouch(ref: RefObject<HTMLElement | null>, scroll: (deltaPx: number) => void, zoom: (factor: number, anchorPx: number) => void, moved: () => void): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const fingers = new Map<number, { readonly x: number; readonly y: number }>();
    let travel = 0;
    const onDown = (e: PointerEvent) => {
      if (e.pointerType !== 'touch') return;
      if (fingers.size === 0) travel = 0;
      fingers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    };
    const onMove = (e: PointerEvent) => {
      const before = fingers.get(e.pointerId);
      if (!before) return;
      const now = { x: e.clientX, y: e.clientY };
      if (fingers.size === 1) {
        travel += Math.abs(now.y - before.y);
        if (travel > TAP_SLOP_PX) scroll(before.y - now.y);
      } else if (fingers.size === 2) {
        const other = [...fingers].find(([id]) => id !== e.pointerId)![1];
        const apart = (a: { x: number; y: number }) => Math.hypot(a.x - other.x, a.y - other.y);
        travel = Infinity;
        if (apart(before) > 0) zoom(apart(now) / apart(before), (now.y + other.y) / 2 - element.getBoundingClientRect().top);
      }
      fingers.set(e.pointerId, now);
      if (travel > TAP_SLOP_PX) moved();
    };
    const onUp = (e: PointerEvent) => fingers.delete(e.pointerId);
    // A drag that ends on an arrow is not a tap on it.
    const onClick = (e: MouseEvent) => {
      if (travel <= TAP_SLOP_PX || fingers.size > 0) return;
      travel = 0;
      e.stopPropagation();
      e.preventDefault();
    };
    element.addEventListener('pointerdown', onDown);
    element.addEventListener('pointermove', onMove);
    element.addEventListener('pointerup', onUp);
    element.addEventListener('pointercancel', onUp);
    element.addEventListener('click', onClick, true);
    return () => {
      element.removeEventListener('pointerdown', onDown);
      element.removeEventListener('pointermove', onMove);
      element.removeEventListener('pointerup', onUp);
      element.removeEventListener('pointercancel', onUp);
      element.removeEventListener('click', onClick, true);
    };
  }, [ref, scroll, zoom, moved]);
}

export { ZOOM_STEP };
