import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { leftAt, leftKept, leftRemembered, type KeptStore } from './lecture-memory';
import { LECTURES, loadLecture, parseLectureText } from '../../lectures/index';

/** `localStorage` as far as the page uses it; `refuses` makes every write throw, as a full storage does. */
function fakeStore(refuses = false): KeptStore & { readonly items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => {
      if (refuses) throw new DOMException('quota', 'QuotaExceededError');
      items.set(k, v);
    },
    removeItem: (k) => void items.delete(k),
  };
}

const OWN = JSON.stringify({
  version: 1,
  id: 'my-quorum',
  title: 'My own quorum lecture',
  lecture: '004',
  summary: 'A write, then a read.',
  parts: [
    { seed: 1, config: { n: 3, r: 1, w: 1, nodes: [{ id: 'n1' }, { id: 'n2' }, { id: 'n3' }] }, steps: [{ op: 'note', narration: 'One.' }, { op: 'note', narration: 'Two.' }] },
    { seed: 1, config: { n: 3, r: 1, w: 1, nodes: [{ id: 'n1' }, { id: 'n2' }, { id: 'n3' }] }, steps: [{ op: 'note', narration: 'Three.', question: { prompt: 'Why?', answer: 'Because.' } }] },
  ],
});

describe('the lecture last left, kept over a reload', () => {
  it('brings back a built-in lecture at the place it was left, said as the player says it', () => {
    const store = fakeStore();
    const lecture = loadLecture(LECTURES[LECTURES.length - 1]!.id);
    const part = lecture.parts.length - 1;
    const place = { part, step: lecture.parts[part]!.scenario.steps.length - 1, isRevealed: false };
    leftKept(leftAt(lecture, place), false, store);
    const back = leftRemembered(store);
    expect(back).toEqual(leftAt(lecture, place));
    expect(back?.own).toBeUndefined();
    expect(back?.where).toMatch(lecture.parts.length > 1 ? /^step \d+ \(part \d+\)$/ : /^step \d+$/);
  });

  it("brings back a lecturer's own lecture from its file's text, its answer revealed", () => {
    const store = fakeStore();
    const parsed = parseLectureText(OWN);
    if (!parsed.ok) throw parsed.error;
    const place = { part: 1, step: 0, isRevealed: true };
    leftKept(leftAt(parsed.lecture, place, OWN), true, store);
    const back = leftRemembered(store);
    expect(back?.where).toBe('step 3 (part 2)');
    expect(back?.own?.title).toBe('My own quorum lecture');
    expect(back?.ownSource).toBe(OWN);
    // Kept again at the next step without its text: the text written on opening still serves.
    leftKept(leftAt(parsed.lecture, { part: 0, step: 1, isRevealed: false }, OWN), false, store);
    expect(leftRemembered(store)?.where).toBe('step 2 (part 1)');
  });

  it('a built-in lecture left after an own one forgets the own one\'s text', () => {
    const store = fakeStore();
    const parsed = parseLectureText(OWN);
    if (!parsed.ok) throw parsed.error;
    leftKept(leftAt(parsed.lecture, { part: 0, step: 0, isRevealed: false }, OWN), true, store);
    leftKept(leftAt(loadLecture(LECTURES[0]!.id), { part: 0, step: 0, isRevealed: false }), false, store);
    expect([...store.items.keys()]).toEqual(['dynamoscope.lecture-left']);
    expect(leftRemembered(store)?.lectureId).toBe(LECTURES[0]!.id);
  });

  it('offers nothing for what no longer fits: an unknown lecture, a place it lacks, an answer on a step without a question, a file it no longer parses', () => {
    const store = fakeStore();
    const id = LECTURES[0]!.id;
    const at = (place: object, lectureId = id, own = false) => store.items.set('dynamoscope.lecture-left', JSON.stringify({ lectureId, own, place }));
    at({ part: 0, step: 0, isRevealed: false }, 'no-such-lecture');
    expect(leftRemembered(store)).toBeNull();
    at({ part: 99, step: 0, isRevealed: false });
    expect(leftRemembered(store)).toBeNull();
    at({ part: 0, step: 9999, isRevealed: false });
    expect(leftRemembered(store)).toBeNull();
    at({ part: 0, step: 0.5, isRevealed: false });
    expect(leftRemembered(store)).toBeNull();
    const parsed = parseLectureText(OWN);
    if (!parsed.ok) throw parsed.error;
    at({ part: 0, step: 0, isRevealed: true }, 'my-quorum', true);
    store.items.set('dynamoscope.own-lecture', OWN);
    expect(leftRemembered(store)).toBeNull(); // step 1 asks no question
    at({ part: 0, step: 0, isRevealed: false }, 'my-quorum', true);
    expect(leftRemembered(store)?.where).toBe('step 1 (part 1)');
    store.items.set('dynamoscope.own-lecture', OWN.replace('"version":1', '"version":2'));
    expect(leftRemembered(store)).toBeNull();
    store.items.set('dynamoscope.own-lecture', OWN.replace('my-quorum', 'another'));
    expect(leftRemembered(store)).toBeNull();
    store.items.delete('dynamoscope.own-lecture');
    expect(leftRemembered(store)).toBeNull();
  });

  it('never throws, whatever the storage holds or does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), fc.option(fc.string()), (place, source) => {
        const store = fakeStore();
        store.items.set('dynamoscope.lecture-left', place);
        if (source !== null) store.items.set('dynamoscope.own-lecture', source);
        expect(leftRemembered(store)).toBeNull();
      }),
    );
    const throwing: KeptStore = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      removeItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(leftRemembered(throwing)).toBeNull();
    expect(() => leftKept(leftAt(loadLecture(LECTURES[0]!.id), { part: 0, step: 0, isRevealed: false }), false, throwing)).not.toThrow();
    expect(leftRemembered(null)).toBeNull();
  });

  it('a storage too full for the own lecture\'s text keeps no place either, rather than a place with nothing to resume', () => {
    const store = fakeStore(true);
    const parsed = parseLectureText(OWN);
    if (!parsed.ok) throw parsed.error;
    leftKept(leftAt(parsed.lecture, { part: 0, step: 1, isRevealed: false }, OWN), true, store);
    expect(store.items.size).toBe(0);
    expect(leftRemembered(store)).toBeNull();
  });

  it("a new version of an own lecture that storage refuses never resumes as the old version's text", () => {
    const parsed = parseLectureText(OWN);
    if (!parsed.ok) throw parsed.error;
    const items = new Map<string, string>();
    let isFull = false;
    const store: KeptStore = {
      getItem: (k) => items.get(k) ?? null,
      setItem: (k, v) => {
        if (isFull && k === 'dynamoscope.own-lecture') throw new DOMException('quota', 'QuotaExceededError');
        items.set(k, v);
      },
      removeItem: (k) => void items.delete(k),
    };
    leftKept(leftAt(parsed.lecture, { part: 0, step: 0, isRevealed: false }, OWN), true, store);
    // The same lecture, edited (same id, new narration), too big for what storage has left: opened, then a step on.
    const edited = OWN.replace('One.', 'One, edited.');
    const reparsed = parseLectureText(edited);
    if (!reparsed.ok) throw reparsed.error;
    isFull = true;
    leftKept(leftAt(reparsed.lecture, { part: 0, step: 0, isRevealed: false }, edited), true, store);
    leftKept(leftAt(reparsed.lecture, { part: 0, step: 1, isRevealed: false }, edited), false, store);
    expect(leftRemembered(store)).toBeNull();
  });

  it('forgets, given nothing', () => {
    const store = fakeStore();
    leftKept(leftAt(loadLecture(LECTURES[0]!.id), { part: 0, step: 0, isRevealed: false }), false, store);
    leftKept(null, false, store);
    expect(store.items.size).toBe(0);
  });
});
