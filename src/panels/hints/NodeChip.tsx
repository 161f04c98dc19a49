/**
 * A node's name on its colour, as the ring draws it, with its state in words when it is
 * not up (colour is never the only cue). Shared by the hints and membership panels.
 */
import { textOn } from '../../app/theme';

interface Props {
  readonly id: string;
  readonly colour: string | undefined;
  /** Shown after the name when the node is not up. */
  readonly state?: 'up' | 'down' | 'destroyed' | 'left';
  readonly size?: 'small' | 'normal';
}

export function NodeChip({ id, colour = '#666', state = 'up', size = 'normal' }: Props) {
  const isOut = state !== 'up';
  return (
    <span className={`hh-chip ${size}${isOut ? ` out ${state}` : ''}`} style={isOut ? undefined : { background: colour, color: textOn(colour) }}>
      {id}
      {isOut ? <span className="hh-chip-state"> {state}</span> : null}
    </span>
  );
}
