import { describe, expect, it } from 'vitest';
import { nextPlace, previousPlace, progress, type LectureShape } from './lecture-nav';

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
