/**
 * `expect` on a scenario step: a partial result the step must match. Objects match when
 * every field given matches (fields not given are not checked); arrays match element by
 * element and must have the same length; everything else must be equal (numbers by
 * value, so -0 matches 0). A field the result does not have fails, naming the fields it
 * has there.
 *
 * Two kinds of object are read whole, by what they are rather than where a regular
 * expression finds them:
 * - a vector clock (a put's `clock`, a get's `context`, a version's `clock`) is compared
 *   entry by entry in both directions, a node with no entry counting 0 as the lectures
 *   write clocks: `{"A": 1}` holds for `([A,1],[B,0])` and fails for `([A,1],[B,1])`;
 * - a map keyed by what users named (a node's `data`, its `view`, `final.nodes`) matches
 *   partially like any object, except that `{}` means empty: `"data": {}` is "holds nothing";
 * - `consistency.reads.byVersions` lists only the counts that are not 0, and matches partially
 *   with a count it leaves out read as 0: `{"2": 0}` holds when no get returned two versions.
 * A put's `value` is the user's own JSON: nothing in it is read as a clock or a map.
 */
import { didYouMean } from './problems';
import { oneLine } from '../engine/index';
export interface ExpectationFailure {
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
  /** Present when the field does not exist in the step's result: its name, and the fields there are. */
  readonly missing?: { readonly field: string; readonly fields: readonly string[] };
}

/** What an object in the output is: fields of a result, a clock, a map keyed by user names, counts, or a user's value. */
type Role = 'fields' | 'clock' | 'map' | 'counts' | 'value';

/** Fields whose object is a vector clock. */
const CLOCK_FIELDS = new Set(['clock', 'context']);
/** Fields whose object is keyed by node ids or keys. */
const MAP_FIELDS = new Set(['data', 'view', 'nodes']);

export function matchExpectation(expected: unknown, actual: unknown, path: string): ExpectationFailure[] {
  return match(expected, actual, path, 'fields');
}

function match(expected: unknown, actual: unknown, path: string, role: Role): ExpectationFailure[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [{ path, expected, actual }];
    return expected.flatMap((e, i) => match(e, actual[i], `${path}[${i}]`, role === 'value' ? 'value' : 'fields'));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return [{ path, expected, actual }];
    const obj = actual as Record<string, unknown>;
    const given = expected as Record<string, unknown>;
    if (role === 'clock') return matchClock(given, obj, path);
    // A count the output leaves out is 0 (no get returned that many versions): `"byVersions": {"2": 0}` holds, and "2" is no misspelling.
    if (role === 'counts') return Object.entries(given).flatMap(([k, e]) => match(e, Object.hasOwn(obj, k) ? obj[k] : 0, member(path, k), 'value'));
    if (role === 'map' && Object.keys(given).length === 0 && Object.keys(obj).length > 0) return [{ path, expected, actual }];
    return Object.entries(given).flatMap(([k, e]) => {
      const at = member(path, k);
      // A key a node holds no version of is absent from its data: `"hat": []`, the natural way to say so, holds.
      if (!Object.hasOwn(obj, k) && role === 'map' && Array.isArray(e) && e.length === 0) return [];
      if (!Object.hasOwn(obj, k)) return [{ path: at, expected: e, actual: undefined, missing: { field: k, fields: Object.keys(obj) } }];
      return match(e, obj[k], at, childRole(role, k));
    });
  }
  return expected === actual ? [] : [{ path, expected, actual }];
}

/** The role of field `k` of an object of role `role`. */
function childRole(role: Role, k: string): Role {
  if (role === 'value') return 'value';
  if (role === 'map') return 'fields'; // a node's output, a key's versions: fields again, whatever the user named them
  if (k === 'value') return 'value';
  if (CLOCK_FIELDS.has(k)) return 'clock';
  if (k === 'byVersions') return 'counts';
  return MAP_FIELDS.has(k) ? 'map' : 'fields';
}

/** A clock against a clock: every node either names, a missing entry counting 0 on both sides. */
function matchClock(expected: Record<string, unknown>, actual: Record<string, unknown>, path: string): ExpectationFailure[] {
  const nodes = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
  return nodes.flatMap((node) => {
    const e = Object.hasOwn(expected, node) ? expected[node] : 0;
    const a = Object.hasOwn(actual, node) ? actual[node] : 0;
    return e === a ? [] : [{ path: member(path, node), expected: e, actual: a }];
  });
}

/**
 * `path.k`, or `path["k"]` for a field whose name would make the path ambiguous (a key
 * `a.b`, `x[0]`, a space): a grading script can always split a failure's path.
 */
export function member(path: string, k: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(k) ? `${path}.${k}` : `${path}[${quote(k)}]`;
}

/**
 * A value as JSON on one line: JSON.stringify escapes line breaks and tabs (U+0000–U+001F)
 * but leaves DEL, the C1 controls (NEL, U+0085, among them) and the separators U+2028 and
 * U+2029 as they are, which some viewers break a line at; they are escaped here too, as
 * JSON allows (`\u0085`). Every name a user typed (a key, a node, a field) is printed in a
 * message through this.
 */
export function quote(value: unknown): string {
  return oneLine(JSON.stringify(value) ?? 'undefined');
}

/** One failure as a line of the runners' report: `steps[2].clock.A: expected 3, got 2`. */
export function describeFailure(f: ExpectationFailure): string {
  if (f.missing !== undefined) {
    const { field, fields } = f.missing;
    const holder = dataHolder(f.path, field);
    // A key a node does not hold is a fact about the run, not a misspelt field: said in the lectures' words.
    if (holder !== undefined) return `${f.path}: ${holder} holds no version of ${quote(field)} (it holds: ${fields.length > 0 ? listed(fields.map((k) => quote(k))) : 'nothing'})`;
    const whose = f.path.startsWith('expect.') ? "the run's output" : "the step's result";
    // A field named by a user (a node in `view`, a count in `byVersions`) is quoted unless it is a plain name, so a key "a, b" or "x\ny" cannot blur the list or break the line.
    const names = fields.map((name) => (/^[A-Za-z_$][\w$-]*$/.test(name) ? name : quote(name)));
    const has = names.length > 0 ? `its fields: ${names.join(', ')}` : 'it has none';
    const isStepField = /^steps\[\d+\]$/.test(parentOf(f.path, field) ?? '');
    // `ok` on a wait, a fail, a note…: the step does not succeed or fail, and "did you mean "op"?" would send the lecturer the wrong way.
    if (isStepField && field === 'ok') return `${f.path}: this step's result has no "ok": only a put, a get and an antiEntropy succeed or fail (${has})`;
    // A misspelt field in the lecturer's own expect, told apart from a student's wrong answer at a glance (both exit 1). Never the echoes `op` and `atMs`: no result of the step is named like them.
    const guess = didYouMean(field, isStepField ? fields.filter((k) => k !== 'op' && k !== 'atMs') : fields).replace(/^ \((.*)\)$/, '; $1');
    return `${f.path}: ${whose} has no field ${quote(field)} here${guess} (${has})`;
  }
  return `${f.path}: expected ${quote(f.expected)}, got ${quote(f.actual)}`;
}

/** The path of the object a missing `field` was looked for in (`steps[3]` for `steps[3].ok`), or undefined if `path` does not end with it. */
function parentOf(path: string, field: string): string | undefined {
  const last = member('', field);
  return path.endsWith(last) ? path.slice(0, -last.length) : undefined;
}

/**
 * Who holds the `data` map a missing `key` was looked for in, read off the failure's path:
 * the node of `expect.final.nodes.C.data.cart` ("C"), or "the node" for an inspect step's
 * `steps[3].data.cart`; undefined for any other path. The paths are built by `member`, which
 * quotes every name that is not plain, so the node's part splits one way.
 */
function dataHolder(path: string, key: string): string | undefined {
  const map = parentOf(path, key);
  if (map === undefined) return undefined;
  if (/^steps\[\d+\]\.data$/.test(map)) return 'the node';
  const node = /^expect\.final\.nodes(?:\.([A-Za-z_$][\w$-]*)|\[("(?:[^"\\]|\\.)*")\])\.data$/.exec(map);
  if (node === null) return undefined;
  return node[1] ?? (JSON.parse(node[2]!) as string);
}

/** The first 12 names, and how many more: a node may hold thousands of keys, and a message is one line. */
function listed(names: readonly string[]): string {
  return names.length <= 12 ? names.join(', ') : `${names.slice(0, 12).join(', ')} and ${(names.length - 12).toLocaleString('en-US')} more`;
}
