import { describe, expect, it } from 'vitest';
import { textRuns, withIsolates } from './named-text';

/** The runs to isolate, in order. */
const isolated = (text: string) => textRuns(text).filter((r) => r.isIsolated).map((r) => r.text);

describe('textRuns', () => {
  it('leaves a line with no right-to-left letter whole', () => {
    expect(textRuns('B answers the client: put("my cart") succeeded in 18.1 ms')).toEqual([{ text: 'B answers the client: put("my cart") succeeded in 18.1 ms', isIsolated: false }]);
  });

  it('isolates a right-to-left key and a value apart, and keeps the words between them', () => {
    const runs = textRuns('Client asks A to put עגלה = "נעליים" with context ([A,1])');
    expect(runs.map((r) => r.text).join('')).toBe('Client asks A to put עגלה = "נעליים" with context ([A,1])');
    expect(isolated('Client asks A to put עגלה = "נעליים" with context ([A,1])')).toEqual(['עגלה', '"נעליים"']);
  });

  it('ends a plain key where keyName would have quoted it: at a space, a quote, a comma, a parenthesis or "="', () => {
    expect(isolated("B is not among עגלה's top 3 (B, C, D)")).toEqual(['עגלה']);
    expect(isolated('B stores עגלה-2 D1 ([B,1])')).toEqual(['עגלה-2']);
    expect(isolated('· עגלה @ 59 · N=3')).toEqual(['עגלה']);
    expect(isolated('2 keys repaired (עגלה, سلة)')).toEqual(['עגלה', 'سلة']);
  });

  it('takes a quoted name whole, escapes and spaces included, and right-to-left words one after another as one', () => {
    expect(isolated('put("עגלה \\"ב\\" cart") via A')).toEqual(['"עגלה \\"ב\\" cart"']);
    expect(isolated('הערה של המרצה')).toEqual(['הערה של המרצה']);
    // A value cut short ("…") has no closing quote: its words are the name.
    expect(isolated('Client asks A to put k = "נעליים גבוהות…')).toEqual(['נעליים גבוהות…']);
  });
});

describe('withIsolates', () => {
  it('puts each right-to-left name between U+2068 and U+2069, for a menu option', () => {
    expect(withIsolates('#1 put(עגלה) via B')).toBe('#1 put(\u2068עגלה\u2069) via B');
    expect(withIsolates('#2 put(big) via D')).toBe('#2 put(big) via D');
  });
});
