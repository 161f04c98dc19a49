/** Cluster controls: the client form, the node list and the network. */
import type { Locator, Page } from '@playwright/test';

export class ControlsPanel {
  readonly region: Locator;
  readonly key: Locator;
  readonly value: Locator;
  readonly via: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Cluster' });
    this.key = this.region.getByLabel('Key');
    this.value = this.region.getByLabel('Value');
    this.via = this.region.getByLabel('Via node');
  }

  async put(key: string, value: string, via?: string): Promise<void> {
    await this.key.fill(key);
    await this.value.fill(value);
    await this.via.selectOption(via ?? '');
    await this.region.getByRole('button', { name: 'Put', exact: true }).click();
  }

  async get(key: string): Promise<void> {
    await this.key.fill(key);
    await this.region.getByRole('button', { name: 'Get', exact: true }).click();
  }

  fail(id: string): Promise<void> {
    return this.region.getByRole('button', { name: `Fail node ${id}` }).click();
  }

  recover(id: string): Promise<void> {
    return this.region.getByRole('button', { name: `Recover node ${id}` }).click();
  }

  /** The node list row of a node (its state word is in it). */
  nodeRow(id: string): Locator {
    return this.region.getByRole('listitem').filter({ has: this.page.getByRole('button', { name: `Select node ${id}` }) });
  }

  /** A node's Fail button, or its Recover button while it is down: what the lecturer reaches for in its row. */
  failOrRecover(id: string): Locator {
    return this.region.getByRole('button', { name: new RegExp(`^(Fail|Recover) node ${id}$`) });
  }

  /** The buttons beside the node list's head naming the nodes out of its view ("▼ C, D"). */
  outOfView(): Locator {
    return this.region.getByRole('button', { name: /scrolled out of view/ });
  }

  nodeNames(): Locator {
    return this.region.getByRole('list', { name: 'Nodes' }).getByRole('button', { name: /^Select node / });
  }

  async partition(cutOff: readonly string[]): Promise<void> {
    await this.region.getByRole('button', { name: 'Partition' }).click();
    for (const id of cutOff) await this.region.getByRole('checkbox', { name: id, exact: true }).check();
    await this.region.getByRole('button', { name: 'Split the network' }).click();
  }

  heal(): Promise<void> {
    return this.region.getByRole('button', { name: 'Heal' }).click();
  }

  networkState(): Locator {
    return this.region.getByRole('status');
  }

  alert(): Locator {
    return this.region.getByRole('alert');
  }
}
