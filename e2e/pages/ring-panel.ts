/** The token ring: node badges (buttons named "Node A, up"), keys, messages in flight. */
import type { Locator, Page } from '@playwright/test';

export class RingPanel {
  readonly region: Locator;

  constructor(page: Page) {
    this.region = page.getByRole('region', { name: /^Token ring/ });
  }

  /** A node's badge; its name says its state, e.g. "Node C, down". */
  node(id: string): Locator {
    return this.region.getByRole('button', { name: new RegExp(`^Node ${id}, `) });
  }

  /** The legend's bar of each node's share of the ring; its name lists the shares. */
  shares(): Locator {
    return this.region.getByRole('img', { name: /^Share of the ring/ });
  }

  /** The numbered stops of the selected key's walk (1, 2, 3, F1…), as drawn; the drawing is hidden from assistive technology, which reads the preference list's table. */
  walkStops(): Locator {
    return this.region.locator('.walk-stop text');
  }

  /** Each message's way on to its receiver, as drawn (a dashed line and an arrowhead), in the order of `messages()`. */
  messageTracks(): Locator {
    return this.region.locator('.message-tracks > g');
  }

  /** The selected key's name where it hashes on the teaching ring, as drawn beside its ◆. */
  keyName(): Locator {
    return this.region.locator('.walk-key-label');
  }

  nodeMenu(id: string): Locator {
    return this.region.getByRole('dialog', { name: `Node ${id}` });
  }

  /** Messages in flight, drawn as buttons while there are few of them. */
  messages(): Locator {
    return this.region.getByRole('button', { name: /^Message / });
  }

  messageMenu(): Locator {
    return this.region.getByRole('dialog', { name: /^Message / });
  }
}
