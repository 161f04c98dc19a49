/**
 * The dense diagram: when thousands of messages are in view (a zoomed-out busy cluster),
 * they are painted on a canvas instead of being SVG elements, so scrolling and zooming stay
 * smooth. A click picks the nearest arrow; zooming in brings back labels and tab stops.
 */
import { useEffect, useRef, type MouseEvent } from 'react';
import { DOOMED, TRAFFIC_COLOUR } from '../../app/theme';
import { nearestSegment } from './spacetime-layout';
import { OUTCOME_COLOUR } from './SpaceTimeLayers';
import type { Scene } from './spacetime-scene';

interface Props {
  readonly scene: Scene;
  readonly width: number;
  readonly height: number;
  /** Pixels above the lanes (the lane headers). */
  readonly top: number;
  readonly onJump: (seq: number) => void;
}

export function SpaceTimeCanvas({ scene, width, height, top, onJump }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const ratio = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx) paint(ctx, scene, width, height, ratio);
  }, [scene, width, height, ratio]);

  const onClick = (e: MouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - box.left;
    const y = e.clientY - box.top - scene.offsetPx;
    const i = nearestSegment(scene.arrows, x, y, 8);
    if (i >= 0) onJump(scene.arrows[i]!.target);
  };

  return (
    <canvas
      ref={ref}
      className="st-canvas"
      width={Math.round(width * ratio)}
      height={Math.round(height * ratio)}
      style={{ width, height, top }}
      role="img"
      aria-label={`${scene.arrows.length.toLocaleString('en')} messages and ${scene.ops.length.toLocaleString('en')} requests in view: zoom in to pick one`}
      onClick={onClick}
    />
  );
}

function paint(ctx: CanvasRenderingContext2D, scene: Scene, width: number, height: number, ratio: number): void {
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.translate(0, scene.offsetPx);
  for (const o of scene.ops) {
    ctx.fillStyle = OUTCOME_COLOUR[o.outcome];
    if (o.taken) {
      ctx.fillRect(o.x - 4, o.y1, 8, Math.max(1, o.taken.y - o.y1));
      ctx.fillRect(o.taken.x - 4, o.taken.y, 8, Math.max(1, o.y2 - o.taken.y));
    } else ctx.fillRect(o.x - 4, o.y1, 8, Math.max(1, o.y2 - o.y1));
  }
  ctx.lineWidth = 1; // hairlines: the cheapest strokes for a software canvas
  // One path per traffic class: a few strokes instead of thousands.
  const byClass = new Map<string, Path2D>();
  for (const a of scene.arrows) {
    let path = byClass.get(a.a.traffic);
    if (!path) byClass.set(a.a.traffic, (path = new Path2D()));
    path.moveTo(a.x1, a.y1);
    path.lineTo(a.x2, a.y2);
  }
  for (const [traffic, path] of byClass) {
    ctx.strokeStyle = TRAFFIC_COLOUR[traffic as keyof typeof TRAFFIC_COLOUR];
    ctx.stroke(path);
  }
  // The rest of the way of a message in flight, dashed, as the SVG draws it.
  ctx.setLineDash([4, 4]);
  for (const a of scene.arrows) {
    if (!a.due) continue;
    ctx.strokeStyle = TRAFFIC_COLOUR[a.a.traffic];
    ctx.beginPath();
    ctx.moveTo(a.x2, a.y2);
    ctx.lineTo(a.due.x, a.due.y);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  const crosses = new Path2D();
  for (const a of scene.arrows) {
    if (a.state !== 'dropped') continue;
    crosses.moveTo(a.x2 - 4, a.y2 - 4);
    crosses.lineTo(a.x2 + 4, a.y2 + 4);
    crosses.moveTo(a.x2 - 4, a.y2 + 4);
    crosses.lineTo(a.x2 + 4, a.y2 - 4);
  }
  ctx.strokeStyle = DOOMED;
  ctx.lineWidth = 2;
  ctx.stroke(crosses);
  ctx.fillStyle = '#111';
  for (const v of scene.versions) ctx.fillRect(v.x - 3, v.y - 3, 6, 6);
}
