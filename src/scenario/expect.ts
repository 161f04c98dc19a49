/**
 * `expect` on a scenario step: a partial result the step must match. Objects match when
 * every field given matches (fields not given are not checked); arrays match element by
 * element and must have the same length; everything else must be equal.
 */
export interface ExpectationFailure {
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

export function matchExpectation(expected: unknown, actual: unknown, path: string): ExpectationFailure[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [{ path, expected, actual }];
    return expected.flatMap((e, i) => matchExpectation(e, actual[i], `${path}[${i}]`));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return [{ path, expected, actual }];
    const obj = actual as Record<string, unknown>;
    return Object.entries(expected).flatMap(([k, e]) => matchExpectation(e, obj[k], `${path}.${k}`));
  }
  return Object.is(expected, actual) ? [] : [{ path, expected, actual }];
}
