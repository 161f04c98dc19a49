import { describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/index';
import { DEFAULT_CONFIG, DEFAULT_SEED } from '../../worker/default-config';
import { TraceIndex } from '../../store/trace-index';
import { requestStory } from './request-story';

function run(setup: (c: Cluster) => void, steps: number): TraceIndex {
  const cluster = Cluster.create(DEFAULT_CONFIG, DEFAULT_SEED);
  setup(cluster);
  for (let i = 0; i < steps; i++) cluster.step();
  const index = new TraceIndex();
  index.apply(0, cluster.trace);
  return index;
}

describe('request story', () => {
  it('tells a forwarded put from the client to the answer, counting acks toward W', () => {
    const index = run((c) => c.apply({ type: 'put', key: 'cart', value: 'shoes', via: 'B' }), 30);
    const story = requestStory(index.events, index.eventsOfOp(1), index.length)!;
    expect(story.route).toMatchObject({ coordinator: 'C', isForwarded: true, preferenceList: ['C', 'D', 'A'] });
    expect(story.route!.md5).toMatch(/^[0-9a-f]{32}$/);
    expect(story.end).toMatchObject({ ok: true, coordinator: 'C' });
    expect(story.count).toEqual({ count: 2, needed: 2 });
    const text = story.lines.map((l) => l.text);
    expect(text[0]).toBe('Client asks B to put cart = "shoes"');
    expect(text).toContain('B forwards put(cart) to C to coordinate');
    expect(text).toContain('C stores cart D1 ([C,1])');
    expect(text).toContain("C counts D's ack: 2 of W=2");
    expect(story.lines.find((l) => l.tone === 'answer')!.text).toMatch(/^C answers the client: put\(cart\) succeeded in/);
    expect(text.some((t) => t.includes('gossip'))).toBe(false);
  });

  it('includes the coordinator’s own write when the client contacted it directly', () => {
    const index = run((c) => c.apply({ type: 'put', key: 'cart', value: 'hat', via: 'C' }), 10);
    const story = requestStory(index.events, index.eventsOfOp(1), index.length)!;
    expect(story.lines.map((l) => l.text)).toContain('C stores cart D1 ([C,1])');
  });

  it('names the stand-in of a sloppy quorum', () => {
    const index = run((c) => {
      c.apply({ type: 'fail', node: 'C' });
      c.apply({ type: 'put', key: 'cart', value: 'hat' });
    }, 30);
    const story = requestStory(index.events, index.eventsOfOp(1), index.length)!;
    expect(story.standIns).toEqual([{ standIn: 'B', intendedFor: 'C' }]);
    expect(story.lines.some((l) => l.tone === 'lost')).toBe(true);
  });

  it('tells only what happened before the cursor', () => {
    const index = run((c) => c.apply({ type: 'put', key: 'cart', value: 'shoes', via: 'B' }), 30);
    const story = requestStory(index.events, index.eventsOfOp(1), 3)!;
    expect(story.lines).toHaveLength(3);
    expect(story.end).toBeNull();
    expect(requestStory(index.events, index.eventsOfOp(1), 0)).toBeNull();
    expect(requestStory(index.events, [], 10)).toBeNull();
  });
});
