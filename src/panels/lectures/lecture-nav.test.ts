import { describe, expect, it } from 'vitest';
import { focusAt, viewAt, stepSummary, nextPlace, previousPlace, progress, type LectureShape } from './lecture-nav';
import { loadLecture } from '../../lectures/index';

const shape: LectureShape = { hasQuestion: [[false, true], [true]] };

describe('lecture navigation', () => {
  it('reveals a question before moving on, then crosses into the next part', () => {
    let at = { part: 0, step: 0, isRevealed: false };
    const seen: string[] = [];
    for (let next = nextPlace(shape, at); next; next = nextPlace(shape, at)) {
      at = next;
      seen.push(`${at.part}.${at.step}${at.isRevealed ? '!' : ''}`);
    }
    expect(seen).toEqual(['0.1', '0.1!', '1.0', '1.0!']);
  });

  it('steps back across parts with the answer hidden, and stops at the start', () => {
    expect(previousPlace(shape, { part: 1, step: 0, isRevealed: true })).toEqual({ part: 0, step: 1, isRevealed: false });
    expect(previousPlace(shape, { part: 0, step: 0, isRevealed: false })).toBeNull();
  });

  it('counts steps over every part', () => {
    expect(progress(shape, { part: 1, step: 0, isRevealed: false })).toEqual({ number: 3, total: 3 });
  });
});

describe('the key a lecture step is about', () => {
  it('follows the token walk on to its second row, and names no key in a lecture without one', () => {
    const walk = loadLecture('token-walk');
    const keys = walk.parts[0]!.scenario.steps.map((_, i) => focusAt(walk, 0, i).key);
    expect(keys[0]).toBe('row');
    expect(keys.at(-1)).toBe('row-near-the-end');
    expect(focusAt(loadLecture('virtual-nodes'), 0, 0).key).toBeNull();
  });

  it('asks for the list length a step is about: the token walk\'s RF=2, then RF=3; a note setting up a list question already looks at its row', () => {
    const walk = loadLecture('token-walk');
    const focus = walk.parts[0]!.scenario.steps.map((_, i) => focusAt(walk, 0, i));
    expect(focus.map((f) => `${f.key}/${f.n}`)).toEqual(['row/2', 'row/2', 'row/3', 'row/3', 'row-near-the-end/3', 'row-near-the-end/3']);
    const cart = loadLecture('shopping-cart');
    expect(cart.parts.flatMap((p, part) => p.scenario.steps.map((_, i) => focusAt(cart, part, i).n)).every((n) => n === undefined)).toBe(true);
  });

  it('is the key of the last step that names one, in the consistent-hashing lecture', () => {
    const hashing = loadLecture('consistent-hashing');
    const keys = hashing.parts[0]!.scenario.steps.map((_, i) => focusAt(hashing, 0, i).key);
    expect(keys).toContain('key-at-500');
    expect(keys).toContain('key-at-700');
    // node5 joins: "The key at 500 moves; nothing else does." The panels look at that key.
    const join = hashing.parts[0]!.scenario.steps.findIndex((s) => s.op === 'addNode');
    expect(keys[join]).toBe('key-at-500');
  });
});

describe('the panel a step is shown on', () => {
  it('is the lecture\'s own until a step names another, which lasts until a step names one again; each part starts afresh', () => {
    const handoff = loadLecture('hinted-handoff');
    const views = handoff.parts.map((p, part) => p.scenario.steps.map((_, i) => viewAt(handoff, part, i)));
    // Part 1: the walk, the failed write and the write to the stand-in travelling on the ring, then
    // the handoff in the Hints panel and A's local view of who is down in the Members panel.
    expect(views[0]).toEqual(['ring', 'ring', 'ring', 'ring', 'ring', 'hints', 'membership', 'hints', 'hints', 'hints', 'hints', 'membership']);
    // Part 2, the strict quorum, stays on the ring, where the failed write is watched.
    expect(views[1]).toEqual(['ring', 'ring', 'ring', 'ring', 'ring']);
    // Part 3 starts afresh on the ring, as its first step names it, until the stand-in holds the write
    // (the write travelling to it is watched on the ring, as in part 1).
    expect(views[2]).toEqual(['ring', 'ring', 'ring', 'ring', 'ring', 'hints', 'hints', 'hints', 'hints', 'hints']);
  });
});

describe('a step without narration', () => {
  it('is said in a plain sentence, never as a bare op name', () => {
    expect(stepSummary({ op: 'settle' })).toBe('Every message still in flight arrives.');
    expect(stepSummary({ op: 'wait', ms: 50 })).toBe('Time passes: 50 ms.');
    expect(stepSummary({ op: 'put', key: 'cart', value: [], via: 'node1' })).toBe('A client writes cart through node1.');
    // A key named as the trace names it: quoted, a bidi control escaped, so it cannot turn the sentence backwards.
    expect(stepSummary({ op: 'put', key: 'x\u202eabc', value: [], via: 'node1' })).toBe('A client writes "x\\u202eabc" through node1.');
    expect(stepSummary({ op: 'heal' })).toBe('The network heals: every link works again.');
  });

  it('names the nodes, links and parts in the sentences of the network and repair ops a lecturer may leave unnarrated', () => {
    expect(stepSummary({ op: 'cutLink', from: 'A', to: 'C' })).toBe("The link from A to C is cut, one way: A's messages no longer reach C.");
    expect(stepSummary({ op: 'lossyLink', from: 'A', to: 'B', lossRate: 0.25 })).toBe('The link from A to B loses 25% of its messages.');
    expect(stepSummary({ op: 'slowLink', from: 'B', to: 'A', extraMs: 600 })).toBe('The link from B to A becomes 600 ms slower.');
    expect(stepSummary({ op: 'isolateDc', dc: 'east' })).toBe('Datacenter east is cut off from the others.');
    expect(stepSummary({ op: 'partition', groups: [['A', 'B'], ['C']] })).toBe('The network is cut into 2 parts: A, B | C.');
    expect(stepSummary({ op: 'antiEntropy', a: 'A', b: 'C' })).toBe('A and C compare their Merkle trees.');
    expect(stepSummary({ op: 'gossip', rounds: 1 })).toBe('A round of gossip: each node exchanges its view of the members with another.');
    expect(stepSummary({ op: 'gossip', rounds: 3 })).toBe('3 rounds of gossip: in each, every node exchanges its view of the members with another.');
  });

  it('has a sentence for every op the built-in lectures leave unnarrated', () => {
    for (const id of ['consistent-hashing', 'virtual-nodes', 'partitioning-strategies', 'shopping-cart', 'merkle-repair', 'hinted-handoff', 'forwarding-gossip', 'multiple-versions', 'paper-versions', 'token-walk', 'quorum-tradeoffs']) {
      const lecture = loadLecture(id);
      for (const part of lecture.parts)
        part.scenario.steps.forEach((step, i) => {
          if (!part.guide[i]?.narration) expect(stepSummary(step)).not.toMatch(/^\(/);
        });
    }
  });
});
