import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { check, didYouMean } from './problems';

const problem = (schema: z.ZodType, value: unknown): string => {
  try {
    check(schema, value, 'x');
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a problem');
};

describe('did you mean', () => {
  it.each([
    ['a letter left out', 'naration', ['narration', 'question'], 'narration'],
    ['a letter too many', 'questions', ['narration', 'question'], 'question'],
    ['two letters swapped', 'vai', ['via', 'key'], 'via'],
    ['other capitals only', 'KeyPositions', ['keyPositions', 'ringSize'], 'keyPositions'],
    ["a lecture's word for a scenario's field", 'summary', ['title', 'description'], 'description'],
    ["a scenario's word for a lecture's field", 'description', ['title', 'summary'], 'summary'],
  ])('names the one field clearly closest: %s', (_, name, fields, meant) => {
    expect(didYouMean(name, fields)).toBe(` (did you mean "${meant}"?)`);
  });

  it.each([
    ['two fields as close', 'x', ['n', 'r', 'w']],
    ['every field too far for a short name', 'dc', ['op', 'id', 'key']],
    ['every field too far', 'coordinator', ['op', 'key', 'via']],
    ['no fields known', 'naration', []],
    ['the other word, where the object has no such field', 'summary', ['title']],
    ['a name far longer than any field', 'n'.repeat(100), ['n'.repeat(99)]],
  ])('says nothing when %s', (_, name, fields) => {
    expect(didYouMean(name, fields)).toBe('');
  });

  it('finds the fields where the unknown one is: in a list, a map, an optional, a discriminated form, the one form of a union it fits', () => {
    const point = z.strictObject({ kind: z.literal('point'), at: z.number() });
    const range = z.strictObject({ kind: z.literal('range'), from: z.number(), to: z.number() });
    const schema = z.strictObject({
      items: z.array(z.strictObject({ name: z.string(), count: z.number().optional() })).optional(),
      byKey: z.record(z.string(), z.strictObject({ label: z.string().optional() })),
      shape: z.discriminatedUnion('kind', [point, range]),
      either: z.union([z.strictObject({ left: z.number() }), z.strictObject({ right: z.string(), extra: z.number() })]).optional(),
    });
    const ok = { byKey: {}, shape: { kind: 'point', at: 1 } };
    expect(problem(schema, { ...ok, items: [{ name: 'a', count: 1 }, { name: 'b', cuont: 2 }] })).toBe('x.items[1]: unknown field "cuont" (did you mean "count"?)');
    expect(problem(schema, { ...ok, byKey: { k: { lable: 'l' } } })).toBe('x.byKey.k: unknown field "lable" (did you mean "label"?)');
    expect(problem(schema, { ...ok, shape: { kind: 'range', from: 1, too: 2 } })).toBe('x.shape.to: is required (found an unknown field "too")');
    expect(problem(schema, { ...ok, shape: { kind: 'range', from: 1, to: 2, form: 3 } })).toBe('x.shape: unknown field "form" (did you mean "from"?)');
    expect(problem(schema, { ...ok, either: { right: 'r', extra: 1, rigth: 2 } })).toBe('x.either: unknown field "rigth" (did you mean "right"?)');
    expect(problem(schema, { ...ok, shapes: {} })).toBe('x: unknown field "shapes" (did you mean "shape"?)');
  });

  it('offers the fields the caller adds at the top only', () => {
    const step = z.strictObject({ op: z.string(), inner: z.strictObject({ a: z.number() }).optional() });
    const at = (value: unknown): string => {
      try {
        check(step, value, 'steps[0]', ['narration']);
      } catch (e) {
        return (e as Error).message;
      }
      return 'ok';
    };
    expect(at({ op: 'note', naration: 'x' })).toBe('steps[0]: unknown field "naration" (did you mean "narration"?)');
    expect(at({ op: 'note', inner: { a: 1, naration: 'x' } })).toBe('steps[0].inner: unknown field "naration"');
  });
});
