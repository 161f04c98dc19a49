/**
 * A scenario's problems in words: the error that names where one is (`steps[2].via: …`), and
 * zod's issues turned into it (the first problem, a misspelt field, what a value must be), with
 * the path quoted where a name is not plain. Shared by scenario files, lecture files and links.
 */
import { z } from 'zod';
import { member, quote } from './expect';

/** What is wrong with a scenario, and where (a path like `steps[2].via`). */
export class ScenarioError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(path ? `${path}: ${detail}` : detail);
    this.name = 'ScenarioError';
  }
}

/** How a JSON value is named in a message: "a number", "an array", "null"… */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Parses `value` with `schema`, or throws a ScenarioError naming the first problem's place
 * under `base`. `alsoKnown`: fields the value may have that `schema` does not check (a
 * lecture step's `narration`, taken off before), offered for a misspelt field at its top.
 */
export function check<T>(schema: z.ZodType<T>, value: unknown, base: string, alsoKnown: readonly string[] = []): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problem = firstProblem(result.error.issues, value, [], { schema, alsoKnown });
  throw new ScenarioError(joinPath(base, problem.path), problem.message);
}

/** What an unknown field may be a misspelling of: the fields of `schema` where it is, and at the top `alsoKnown`. */
export interface KnownFields {
  readonly schema?: z.core.$ZodType;
  readonly alsoKnown?: readonly string[];
}

/** One problem of a failed parse, for a message naming its place: "is required", "unknown field …", or zod's own words. */
export interface Problem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** The first number in `value` that is not finite, and its path below `value`; null when there is none (or past 64 levels). */
function nonFiniteAt(value: unknown, depth = 0): { path: PropertyKey[]; value: number } | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : { path: [], value };
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  for (const [k, v] of Object.entries(value)) {
    const below = nonFiniteAt(v, depth + 1);
    if (below !== null) return { path: [Array.isArray(value) ? Number(k) : k, ...below.path], value: below.value };
  }
  return null;
}

/** A number past the largest double (1e400): JSON.parse makes it Infinity, which no JSON value can be. */
const notFinite = (n: number) => `must be a finite number: this one is past the largest a JSON number can hold (it reads as ${n})`;

/**
 * The first problem zod found, in words. Where a value matched none of a union's forms
 * (zod's bare "Invalid input"), the form it came closest to answers: the one with the
 * fewest problems, so `{"input": {…}, "background": "yes"}` is told about `background`
 * rather than that it is no action at all. With `known`, the schema that found the issues, a
 * misspelt field is told the field it is closest to.
 */
export function firstProblem(issues: readonly z.core.$ZodIssue[], value: unknown, prefix: readonly PropertyKey[] = [], known: KnownFields = {}): Problem {
  const issue = issues[0]!;
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'unrecognized_keys' && valueAt(value, path) === undefined) return { path, message: `is required${misspelt(issues, issue.path)}` };
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // A JSON value (a put's value) holding a number too big for a double: parsed as Infinity, which JSON cannot hold.
    const infinite = nonFiniteAt(valueAt(value, path));
    if (infinite !== null) return { path: [...path, ...infinite.path], message: notFinite(infinite.value) };
    // Where some forms are of another type than the value and the others took it in and found the
    // problem inside it, those answer, then the one with the fewest problems: `tokens` as [1.5] or
    // [1.5, 2.5] is told about tokens[0], not that it is not a number.
    const isOtherType = (branch: readonly z.core.$ZodIssue[]) => branch[0]?.code === 'invalid_type' && branch[0].path.length === 0;
    const tookIn = issue.errors.filter((branch) => !isOtherType(branch));
    const forms = tookIn.length > 0 && tookIn.every((branch) => (branch[0]?.path.length ?? 0) > 0) ? tookIn : issue.errors;
    const fewest = Math.min(...forms.map((branch) => branch.length));
    const closest = forms.filter((branch) => branch.length === fewest);
    // Its schema is not followed, so a misspelt field there is told nothing more: rare, as zod
    // names a form that failed only for unknown fields as if it stood alone (see fieldsOf).
    if (closest.length === 1 && fewest > 0) return firstProblem(closest[0]!, value, path);
    // A union may say in its own words what it accepts; zod's default says nothing.
    return { path, message: issue.message !== 'Invalid input' ? issue.message : 'matches none of the forms allowed here' };
  }
  if (issue.code === 'unrecognized_keys') {
    const fields = new Set([...fieldsOf(schemaAt(known.schema, issue.path, valueAt(value, prefix)), valueAt(value, path), issue.keys), ...(path.length === 0 ? (known.alsoKnown ?? []) : [])]);
    const where = valueAt(value, path);
    // A step's op was read already (it chose the fields): "ok" written on a step is not a misspelt "op", as in an expect.
    const offered = [...fields].filter((f) => f !== 'op' || typeof (where as { op?: unknown } | undefined)?.op !== 'string');
    return { path, message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `${quotedName(k)}${didYouMean(k, offered) || whereInstead(k, [...fields], where, path)}`).join(', ')}` };
  }
  // A map's key that its key schema refused (a key position's key too long, say): the key's own problem, at the key.
  if (issue.code === 'invalid_key' && issue.issues.length > 0) return { path, message: inWords(issue.issues[0]!, path.at(-1)) };
  return { path, message: inWords(boundOf(issues, issue), valueAt(value, path)) };
}

/**
 * A required field's sibling that is unknown, likely its misspelling: ` (found an unknown
 * field "kye")`, or nothing.
 */
function misspelt(issues: readonly z.core.$ZodIssue[], path: readonly PropertyKey[]): string {
  const parent = path.slice(0, -1);
  const unknown = issues.find((i) => i.code === 'unrecognized_keys' && i.path.length === parent.length && i.path.every((p, k) => p === parent[k]));
  if (unknown?.code !== 'unrecognized_keys') return '';
  const { keys } = unknown;
  return ` (found ${keys.length > 1 ? 'unknown fields' : 'an unknown field'} ${keys.map((k) => quote(k)).join(', ')})`;
}

/** For a whole number past the safe range, the schema's own bound at the same place (`at most 1000`) rather than 2⁵³−1. */
function boundOf(issues: readonly z.core.$ZodIssue[], issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if ((issue.code !== 'too_big' && issue.code !== 'too_small') || !('note' in issue)) return issue;
  const same = (i: z.core.$ZodIssue): boolean => i.code === issue.code && !('note' in i) && i.path.length === issue.path.length && i.path.every((p, k) => p === issue.path[k]);
  return issues.find(same) ?? issue;
}

/**
 * zod's default words (`Invalid input: expected int, received number`, `Too small: expected
 * number to be >0`) as the rest of the messages read: `must be a whole number, not 2.5`,
 * `must be more than 0, not -5`. A schema's own words are kept.
 */
/** What a field must be, in words: "must be text, not a number". */
const KIND_WORDS: Readonly<Record<string, string>> = {
  string: 'text (in double quotes)',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list [ … ]',
  object: 'an object { … }',
  record: 'an object { … }',
};

function inWords(issue: z.core.$ZodIssue, value: unknown): string {
  const choices = /^Invalid discriminator value\. Expected (.+)$/.exec(issue.message);
  if (choices) return `must be one of ${choices[1]!.split(' | ').map((c) => c.replace(/^'(.*)'$/, '"$1"')).join(', ')}, not ${value === undefined ? 'missing' : quote(value)}`;
  if (issue.code === 'invalid_value' && /^Invalid (option|input)/.test(issue.message)) {
    const allowed = issue.values.map((v) => quote(v));
    return `must be ${allowed.length === 1 ? allowed[0] : `one of ${allowed.join(', ')}`}, not ${value === undefined ? 'missing' : quote(value)}`;
  }
  if (!/^(Invalid input|Too small|Too big)/.test(issue.message)) return issue.message;
  const not = typeof value === 'number' ? `, not ${value}` : '';
  switch (issue.code) {
    case 'invalid_type':
      // Infinity is a number only where a number is asked for; a key is text, whatever it is instead.
      if (typeof value === 'number' && !Number.isFinite(value) && (issue.expected === 'number' || issue.expected === 'int')) return `must be a finite number, not ${value}`;
      if (issue.expected === 'int' && typeof value === 'number') return `must be a whole number${not}`;
      return `must be ${KIND_WORDS[issue.expected] ?? issue.expected}, not ${kindOf(value)}`;
    case 'too_small':
    case 'too_big': {
      const isSmall = issue.code === 'too_small';
      const bound = isSmall ? issue.minimum : issue.maximum;
      const [inclusive, exclusive] = isSmall ? ['at least', 'more than'] : ['at most', 'less than'];
      const limit = (b: string) => `${issue.inclusive === false ? exclusive : inclusive} ${b}`;
      // A value as the user wrote it stays as written; a count of items or characters reads with thousands separators (10,000).
      if (issue.origin === 'number' || issue.origin === 'int') return `must be ${limit(String(bound))}${not}`;
      const count = limit(typeof bound === 'number' ? bound.toLocaleString('en-US') : String(bound));
      if (issue.origin === 'array') return `must have ${count} item${bound === 1 ? '' : 's'}${Array.isArray(value) ? `, not ${value.length.toLocaleString('en-US')}` : ''}`;
      if (issue.origin === 'string') return `must be ${count} character${bound === 1 ? '' : 's'} long`;
      return issue.message;
    }
    default:
      return issue.message;
  }
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const p of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[p];
  }
  return at;
}

/**
 * `base` and the parts after it: `steps[3].via`, `config.keyPositions["a b"]`. A part that is
 * not a plain name (a key a user typed, with a dot, a space or a line break) is quoted as
 * JSON, so a path is one line and splits one way.
 */
export function joinPath(base: string, parts: readonly PropertyKey[]): string {
  let out = base;
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (out !== '') out = pathMember(out, String(p));
    else out = pathMember('', String(p)).replace(/^\./, ''); // a field at the top: `seed`, not `.seed`
  }
  return out;
}

/** `path.k` or `path["k"]` (expect.ts's rule), with a name too long to print whole (past 300 characters: a key of megabytes) cut to its first 40. */
function pathMember(path: string, k: string): string {
  const head: string[] = [];
  for (const c of k) if (head.push(c) > 300) return member(path, `${head.slice(0, 40).join('')}…`);
  return member(path, k);
}

/**
 * The schema that checks the value at `path` under `schema` (`value` is the value `schema`
 * checks): through optional and default wrappers, arrays, records, tuples, and the one form
 * of a union the value there can be (by its discriminator, or the only object form).
 * Undefined where it cannot tell.
 */
function schemaAt(schema: z.core.$ZodType | undefined, path: readonly PropertyKey[], value: unknown): z.core.$ZodType | undefined {
  let at = unwrap(schema, value);
  let v = value;
  for (const p of path) {
    if (at instanceof z.ZodObject) at = (at.shape as Record<PropertyKey, z.core.$ZodType | undefined>)[p];
    else if (at instanceof z.ZodArray) at = at.element as z.core.$ZodType;
    else if (at instanceof z.ZodRecord) at = at.valueType as z.core.$ZodType;
    else if (at instanceof z.ZodTuple && typeof p === 'number') at = (at.def.items[p] ?? at.def.rest ?? undefined) as z.core.$ZodType | undefined;
    else return undefined;
    v = valueAt(v, [p]);
    at = unwrap(at, v);
  }
  return at;
}

/** `schema` without optional, nullable, default and readonly around it, and for a union the one object form `value` (an object) can have, if one. */
function unwrap(schema: z.core.$ZodType | undefined, value: unknown): z.core.$ZodType | undefined {
  let at = schema;
  for (;;) {
    if (at instanceof z.ZodOptional || at instanceof z.ZodNullable || at instanceof z.ZodDefault || at instanceof z.ZodReadonly) at = at.def.innerType as z.core.$ZodType;
    else if (at instanceof z.ZodPipe) at = at.def.in as z.core.$ZodType;
    else if (at instanceof z.ZodUnion && typeof value === 'object' && value !== null) {
      const discriminator = (at.def as { discriminator?: string }).discriminator;
      const tag = discriminator === undefined ? undefined : valueAt(value, [discriminator]);
      const forms = (at.options as z.core.$ZodType[]).filter((o) => {
        if (!(o instanceof z.ZodObject)) return false;
        const literal = discriminator === undefined ? undefined : (o.shape as Record<string, unknown>)[discriminator];
        return !(literal instanceof z.ZodLiteral) || literal.values.has(tag as z.core.util.Literal);
      });
      if (forms.length !== 1) return at;
      at = forms[0];
    } else return at;
  }
}

/**
 * The fields of the object schema `schema`, or of the one object form of a union that has
 * every field `value` has but the `unknown` ones (zod names a union's form that failed only
 * for unknown fields as if it stood alone); none when it cannot tell.
 */
function fieldsOf(schema: z.core.$ZodType | undefined, value: unknown, unknown: readonly string[]): string[] {
  const forms = schema instanceof z.ZodUnion ? (schema.options as z.core.$ZodType[]) : [schema];
  const written = typeof value === 'object' && value !== null ? Object.keys(value).filter((k) => !unknown.includes(k)) : [];
  const fits = forms.filter((f): f is z.ZodObject => f instanceof z.ZodObject && written.every((k) => Object.hasOwn(f.shape, k)));
  return fits.length === 1 ? Object.keys(fits[0]!.shape) : [];
}

/**
 * Names a scenario and a lecture give the same thing: a lecture's `summary` is a
 * scenario's `description`, and each format refuses the other's word.
 */
const SAME_MEANING: Readonly<Record<string, string>> = { description: 'summary', summary: 'description' };

/**
 * ` (did you mean "narration"?)` for an unknown field `name` when one of `fields` is clearly
 * the closest (letters typed wrong, left out, added or swapped, capitals aside), or the
 * other format's word for it; else nothing.
 */
export function didYouMean(name: string, fields: readonly string[]): string {
  const same = SAME_MEANING[name];
  if (same !== undefined && fields.includes(same)) return ` (did you mean ${quote(same)}?)`;
  if (name.length > 64) return ''; // no misspelling of a field name: a key pasted by mistake
  const most = name.length <= 4 ? 1 : name.length <= 8 ? 2 : 3;
  const ranked = fields.map((f) => ({ f, d: typoDistance(name.toLowerCase(), f.toLowerCase()) })).sort((a, b) => a.d - b.d);
  const [best, next] = ranked;
  if (best === undefined || best.d > most || (next !== undefined && next.d === best.d)) return '';
  return ` (did you mean ${quote(best.f)}?)`;
}

/** Names people give a comment, which JSON does not have: `"comment"`, `"_comment"`, `"//"`. */
const COMMENT_NAME = /^(?:[_$#/]*(?:comments?|remarks?|notes)|\/\/|#)$/i;

/**
 * For an unknown field that is not a misspelling, where what it was meant for goes: a
 * comment in a scenario's `description` or a `note` step, a `contextFrom` on a put only, an
 * `expect` in a scenario rather than a saved session, a session's `background` on the action
 * rather than in its input.
 * `fields`: the object's own; `value`: the object the field is in; `path`: where it is. Else nothing.
 */
function whereInstead(name: string, fields: readonly string[], value: unknown, path: readonly PropertyKey[]): string {
  if (COMMENT_NAME.test(name)) {
    if (fields.includes('description')) return ' (JSON has no comments: a scenario\'s "description" holds notes for people)';
    if (fields.includes('op')) return ' (JSON has no comments: a note step, {"op": "note", "text": …}, puts a line in the trace)';
    return ' (JSON has no comments)';
  }
  // A grader may add the scenario's expect to a student's saved session: it replays clicks, with no steps to check.
  if (name === 'expect' && fields.includes('actions')) return " (a saved session holds the page's clicks, not steps, and takes no expect: check its output, with jq say, or write the run as a scenario, whose steps and whole run take expect)";
  // A saved session's action is {"input": {…}, "background": true}: the flag is the action's, not the input's.
  if (name === 'background' && path.at(-1) === 'input' && path[0] === 'actions') return ' (it goes on the action, beside "input": {"input": {…}, "background": true})';
  const op = typeof value === 'object' && value !== null ? (value as { op?: unknown }).op : undefined;
  if (name.toLowerCase() === 'contextfrom' && typeof op === 'string' && op !== 'put') return ' (only a put takes one: the context of an earlier get, named by its "id")';
  return '';
}

/**
 * Edits from `a` to `b`: letters changed, added, removed, or two neighbours swapped (the
 * optimal string alignment distance). Written here, in a few lines, rather than taken from
 * a library: no dependency has one, and the names compared are a few letters long.
 */
function typoDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * A name from the file (a field's, an op's), quoted, and cut after 60 characters with its
 * length given: a 100,000-character field name made a 100 KB line.
 */
export function quotedName(name: string): string {
  const chars = [...name];
  return chars.length <= 64 ? quote(name) : `${quote(chars.slice(0, 60).join(''))}… (${chars.length.toLocaleString('en-US')} characters)`;
}
