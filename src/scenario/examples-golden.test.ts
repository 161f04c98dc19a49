/**
 * Every example scenario's trace and final snapshot, as SHA-256 hashes checked against a
 * stored snapshot, like the engine's own workloads in src/engine/trace-golden.test.ts: a
 * change to the engine or the runner that alters what a lecturer's scenario produces shows
 * here. A change meant to do so updates the hashes with `npx vitest run -u` and says why.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { snapshot } from '../engine/index';
import { parseScenarioText } from './validate';
import { execute } from './runner';

const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

describe('example scenarios run byte for byte as they did', () => {
  it('every example scenario', () => {
    const dir = new URL('../../examples/', import.meta.url);
    const prints = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => {
        const parsed = parseScenarioText(readFileSync(new URL(f, dir), 'utf8'));
        if (!parsed.ok) throw new Error(`${f} does not parse`);
        const { cluster } = execute(parsed.scenario);
        return `${f}: ${cluster.eventsProcessed} events, ${cluster.trace.length} trace events, trace ${sha(JSON.stringify(cluster.trace))}, snapshot ${sha(JSON.stringify(snapshot(cluster)))}`;
      });
    expect(prints).toMatchSnapshot();
  });
});
