/**
 * The engine in a module Web Worker. This file only adapts (DESIGN §4): it reads commands,
 * asks the engine, and posts plain replies. No Dynamo logic lives here.
 */
/// <reference lib="webworker" />
import { Cluster } from '../engine/index';
import { DEFAULT_CONFIG, DEFAULT_SEED } from './default-config';
import type { ClusterSummary, Command, Reply } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const cluster = Cluster.create(DEFAULT_CONFIG, DEFAULT_SEED);

function summary(): ClusterSummary {
  const { n, r, w, ringSize } = cluster.config;
  return { n, r, w, ringSize: ringSize ?? null, tokens: cluster.ring.tokens.map(({ pos, node }) => ({ pos, node })) };
}

function handle(command: Command): Reply {
  switch (command.type) {
    case 'hello':
      return { type: 'hello', id: command.id, cluster: summary() };
    case 'preferenceList': {
      // The cluster's own list, so the page shows exactly what its coordinators use
      // (including the datacenter spread when the config asks for it).
      const position = cluster.keyPosition(command.key);
      const list = cluster.preferenceListOf(command.key);
      return { type: 'preferenceList', id: command.id, key: command.key, position, nodes: [...list.nodes], fallbacks: [...list.fallbacks] };
    }
    default:
      throw new Error(`unknown command ${JSON.stringify((command as { type?: unknown }).type)}`);
  }
}

scope.onmessage = (event: MessageEvent<Command>) => {
  const command = event.data;
  let reply: Reply;
  try {
    reply = handle(command);
  } catch (error) {
    reply = { type: 'error', id: typeof command?.id === 'number' ? command.id : null, message: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(reply);
};
