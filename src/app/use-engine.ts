/**
 * Starts the engine worker for the page's lifetime and reports its state: starting, ready
 * (with the cluster it runs) or failed (with a message and a way to restart it).
 */
import { useCallback, useEffect, useState } from 'react';
import { EngineClient } from '../engine-client/engine-client';
import type { ClusterSummary } from '../worker/protocol';

export type EngineState =
  | { readonly status: 'starting' }
  | { readonly status: 'ready'; readonly client: EngineClient; readonly cluster: ClusterSummary }
  | { readonly status: 'failed'; readonly message: string };

export function useEngine(): { readonly engine: EngineState; readonly restart: () => void } {
  const [engine, setEngine] = useState<EngineState>({ status: 'starting' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let isCurrent = true;
    const client = EngineClient.start();
    client.request({ type: 'hello' }).then(
      (reply) => isCurrent && setEngine({ status: 'ready', client, cluster: reply.cluster }),
      (error: Error) => isCurrent && setEngine({ status: 'failed', message: error.message }),
    );
    return () => {
      isCurrent = false;
      client.terminate();
    };
  }, [generation]);

  const restart = useCallback(() => {
    setEngine({ status: 'starting' });
    setGeneration((g) => g + 1);
  }, []);

  return { engine, restart };
}
