/**
 * `expect` on a scenario step: a partial result the step must match. Objects match when
 * every field given matches (fields not given are not checked); arrays match element by
 * element and must have the same length; everything else must be equal (numbers by
 * value, so -0 matches 0). A field the result does not have fails, naming the fields it
 * has there; except in a clock (or context), where a node with no entry counts 0.
 */
export interface ExpectationFailure {
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
  /** Present when the field does not exist in the step's result: its name, and the fields there are. */
  readonly missing?: { readonly field: string; readonly fields: readonly string[] };
}

export function matchExpectation(expected: unknown, actual: unknown, path: string): ExpectationFailure[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [{ path, expected, actual }];
    return expected.flatMap((e, i) => matchExpectation(e, actual[i], `${path}[${i}]`));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return [{ path, expected, actual }];
    const obj = actual as Record<string, unknown>;
    // In a vector clock a node with no entry counts 0, as the lectures write it: ([Sx,2],[Sy,0]).
    const isClock = isClockPath(path);
    return Object.entries(expected).flatMap(([k, e]) => {
      if (Object.hasOwn(obj, k)) return matchExpectation(e, obj[k], `${path}.${k}`);
      if (isClock) return matchExpectation(e, 0, `${path}.${k}`);
      return [{ path: `${path}.${k}`, expected: e, actual: undefined, missing: { field: k, fields: Object.keys(obj) } }];
    });
  }
  return expected === actual ? [] : [{ path, expected, actual }];
}

/**
 * Whether `path` names a vector clock of the output: a put's `clock` or a get's `context`, a
 * version's `clock` in a get, a node's `data` or a hint. Not a field named so inside a put's
 * value, nor a node or key that happens to be called "clock": there a missing field is a
 * missing field.
 */
function isClockPath(path: string): boolean {
  if (/\.value(\.|\[)/.test(path)) return false;
  return /^steps\[\d+\]\.(clock|context)$/.test(path) || /\.versions\[\d+\]\.clock$/.test(path) || /\.data\..+\[\d+\]\.clock$/.test(path);
}

/** One failure as a line of the runners' report: `steps[2].clock.A: expected 3, got 2`. */
export function describeFailure(f: ExpectationFailure): string {
  if (f.missing !== undefined) {
    const { field, fields } = f.missing;
    const whose = f.path.startsWith('expect.') ? "the run's output" : "the step's result";
    return `${f.path}: ${whose} has no field ${JSON.stringify(field)} here (its fields: ${fields.length > 0 ? fields.join(', ') : 'none'})`;
  }
  return `${f.path}: expected ${JSON.stringify(f.expected)}, got ${JSON.stringify(f.actual)}`;
}
