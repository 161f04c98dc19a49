import { describe, expect, it } from 'vitest';
import { loadLecture } from '../../lectures/index';
import { isVerdictAsked, versionsLastSeenStep, versionsVeiledAhead } from './lecture-veils';

const at = (part: number, step: number, isRevealed = false) => ({ part, step, isRevealed });

describe("the header's R + W verdict in a lecture that asks about it", () => {
  const quorum = loadLecture('quorum-tradeoffs')!;

  it('waits from the part\'s first step until its last question is answered, then shows', () => {
    // Part 1 (3/2/2) asks at its step 10 (index 9), and has 11 steps.
    expect(isVerdictAsked(quorum, at(0, 0))).toBe(true);
    expect(isVerdictAsked(quorum, at(0, 9))).toBe(true);
    expect(isVerdictAsked(quorum, at(0, 9, true))).toBe(false);
    expect(isVerdictAsked(quorum, at(0, 10))).toBe(false);
    // Going back to the question hides the verdict again; a new part starts over.
    expect(isVerdictAsked(quorum, at(0, 9))).toBe(true);
    expect(isVerdictAsked(quorum, at(1, 0))).toBe(true);
  });

  it('is never withheld beyond a question in a lecture that does not ask for it, nor outside a lecture', () => {
    const cart = loadLecture('shopping-cart')!;
    expect(cart.quorumVerdict).toBe('shown');
    expect(isVerdictAsked(cart, at(0, 0))).toBe(false);
    expect(isVerdictAsked(null, at(0, 0))).toBe(false);
  });
});

describe('versions veiled ahead of a question', () => {
  it("veils the shopping cart's graph from D3's write (step 9) to the heal (step 11) and from D4's write to the question about node4, answered or not, and not at the question about D2 and D3 itself", () => {
    const cart = loadLecture('shopping-cart')!;
    const veiled = cart.parts[0]!.guide.map((_, i) => versionsVeiledAhead(cart, at(0, i, true)));
    expect(veiled.flatMap((v, i) => (v ? [[i + 1, v]] : []))).toEqual([
      [9, 'all'],
      // Step 9's answer would otherwise show "node1: D3" before step 10 asks "Can node1 save only D3?".
      [10, 'all'],
      // The heal's narration says who holds which: only how they descend stays veiled.
      [11, 'lineage'],
      // "Can node1 save only D4?" answered would show "node2: D4" and "node4: D4", the next two questions' answers.
      [15, 'all'],
      [16, 'all'],
    ]);
    expect(cart.parts[0]!.guide[11]!.question!.prompt).toBe('Can node1 save only D3 or only D2?');
    expect(versionsVeiledAhead(null, at(0, 8))).toBe(null);
  });
});

describe('which versions are still held, while veiled over several steps', () => {
  it("is shown as the class last saw it: at the cart's step 10 as step 9 began, before node1 took D3 and forgot D1", () => {
    const cart = loadLecture('shopping-cart')!;
    const guide = cart.parts[0]!.guide;
    expect(guide[9]!.question!.prompt).toBe('Can node1 save only D3?');
    // Steps are 0-based here: step 10 is index 9, after step 9 (index 8), D3's write, veiled whole.
    expect(versionsLastSeenStep(cart, at(0, 9))).toBe(8);
    expect(versionsLastSeenStep(cart, at(0, 8))).toBe(8);
    // Step 11 shows who holds which (lineage only), so step 12 starts afresh; so do steps before any veil.
    expect(versionsLastSeenStep(cart, at(0, 11))).toBe(11);
    expect(versionsLastSeenStep(cart, at(0, 3))).toBe(3);
    // Step 16 (index 15) follows step 15, veiled whole.
    expect(versionsLastSeenStep(cart, at(0, 15))).toBe(14);
    expect(versionsLastSeenStep(null, at(0, 5))).toBe(5);
  });
});
