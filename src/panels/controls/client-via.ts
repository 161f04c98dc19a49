/** The node the client sends through, shared by the client form and the versions' write-back. */
import { useStore } from '../../store/store';
import { members } from '../../store/selectors';

/** The node chosen to send through, unless it was removed since: then "first live replica" (''). */
export function viaOf(via: string, ids: readonly string[]): string {
  return ids.includes(via) ? via : '';
}

/** `{ via }` for a request, as the client form has it chosen; `{}` for the key's first live replica. */
export function useClientVia(): { via?: string } {
  const via = useStore((s) => s.clientVia);
  const nodes = useStore((s) => s.nodes);
  const chosen = viaOf(via, members(nodes).map((n) => n.id));
  return chosen === '' ? {} : { via: chosen };
}
