/** A few words naming an input, for the Undo button: "put cart", "fail C", "partition". */
import { keyName, type Input } from '../engine/index';

export function undoLabel(input: Input | null): string | null {
  if (!input) return null;
  switch (input.type) {
    case 'put':
    case 'get':
      // Named as the log names it (put "my cart"), control and bidi characters escaped.
      return `${input.type} ${clip(keyName(input.key))}`;
    case 'fail':
    case 'recover':
    case 'destroy':
      return `${input.type} ${input.node}`;
    case 'addNode':
      return `add node ${input.id}`;
    case 'removeNode':
      return `remove node ${input.id}`;
    case 'partition':
      return 'partition';
    case 'heal':
      return 'heal';
    case 'isolateDc':
      return `isolate ${clip(input.dc)}`;
    case 'cutLink':
    case 'slowLink':
    case 'lossyLink':
      return `${input.type === 'cutLink' ? 'cut' : input.type === 'slowLink' ? 'slow' : 'lossy'} link ${input.from} → ${input.to}`;
    case 'antiEntropy':
      return `anti-entropy ${input.a} ↔ ${input.b}`;
    case 'gossipRound':
      return 'gossip round';
    case 'dropMessage':
      return `drop message #${input.msgId}`;
    case 'delayMessage':
      return `delay message #${input.msgId}`;
    case 'note':
      return 'note';
  }
}

function clip(text: string): string {
  return text.length > 24 ? `${text.slice(0, 23)}…` : text;
}
