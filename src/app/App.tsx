import { useState, type FormEvent } from 'react';
import type { ClusterSummary, ReplyTo } from '../worker/protocol';
import { useEngine } from './use-engine';

type PreferenceListReply = ReplyTo<'preferenceList'>;

/** The first shell: ask the engine worker which nodes hold a key. The full app comes later. */
export function App() {
  const { engine, restart } = useEngine();
  const [key, setKey] = useState('cart');
  const [result, setResult] = useState<PreferenceListReply | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function lookUp(event: FormEvent) {
    event.preventDefault();
    if (engine.status !== 'ready') return;
    try {
      setResult(await engine.client.request({ type: 'preferenceList', key }));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <main>
      <h1>DynamoScope</h1>
      <p className="lede">Which nodes store a key? Dynamo places the key on a ring and walks clockwise to the first N distinct nodes.</p>
      {engine.status === 'ready' ? (
        <ClusterLine cluster={engine.cluster} />
      ) : (
        <p className="cluster">{engine.status === 'starting' ? 'Starting the engine…' : 'The engine is not running.'}</p>
      )}
      <form onSubmit={lookUp}>
        <label htmlFor="key">Key</label>
        <input id="key" value={key} onChange={(e) => setKey(e.target.value)} autoComplete="off" spellCheck={false} />
        <button type="submit" disabled={engine.status !== 'ready'}>
          Preference list
        </button>
      </form>
      {engine.status === 'failed' && <Failure message={engine.message} onRestart={restart} />}
      {error !== null && <p role="alert">{error}</p>}
      <section role="status" aria-label="Result" className="result">
        {result && engine.status === 'ready' && <Result result={result} cluster={engine.cluster} />}
      </section>
    </main>
  );
}

function ClusterLine({ cluster }: { cluster: ClusterSummary }) {
  const ring = cluster.ringSize === null ? 'MD5 ring' : `Ring of ${cluster.ringSize} positions`;
  const tokens = cluster.tokens.map((t) => `${t.node} at ${t.pos}`).join(', ');
  return (
    <p className="cluster">
      {ring} · N={cluster.n} R={cluster.r} W={cluster.w} · {tokens}
    </p>
  );
}

function Result({ result, cluster }: { result: PreferenceListReply; cluster: ClusterSummary }) {
  const [coordinator] = result.nodes;
  return (
    <>
      <p>
        Key <strong>“{result.key}”</strong> is at position <strong>{result.position}</strong>.
      </p>
      <h2 id="replicas">Preference list (N={cluster.n})</h2>
      <ol aria-labelledby="replicas" className="nodes">
        {result.nodes.map((node) => (
          <li key={node}>{node}</li>
        ))}
      </ol>
      <h2 id="fallbacks">Fallbacks</h2>
      <ol aria-labelledby="fallbacks" className="nodes fallbacks">
        {result.fallbacks.map((node) => (
          <li key={node}>{node}</li>
        ))}
      </ol>
      {coordinator && <p className="note">{coordinator} usually coordinates this key; a fallback steps in when one of the first N is unreachable.</p>}
    </>
  );
}

function Failure({ message, onRestart }: { message: string; onRestart: () => void }) {
  return (
    <div role="alert">
      <p>{message}</p>
      <button type="button" onClick={onRestart}>
        Restart the engine
      </button>
    </div>
  );
}
