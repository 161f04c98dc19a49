/**
 * What a message in flight that the network would drop says of its fate. A loss is drawn when
 * it is sent and is certain; a cut link or a down receiver is checked when it arrives, so a heal
 * or a recovery before then lets it through: "will be lost" then watched arriving after a heal
 * read as a mistake.
 */
import type { MessageView } from '../../engine/index';

/** The words after the message's name ("put(cart) from C to D, …"), or null when it will arrive. */
export function messageFate(m: Pick<MessageView, 'doomedBy' | 'to'>): string | null {
  switch (m.doomedBy) {
    case 'loss':
      return 'will be lost';
    case 'split':
      return 'will be lost unless the network heals before it arrives';
    case 'down':
      return `will be lost unless ${m.to} recovers before it arrives`;
    case null:
      return null;
  }
}
