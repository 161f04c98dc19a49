/** The Merkle panel on the stage: the pair, the engine's exchange, the level-by-level stepper and both trees. */
import { expect, type Locator, type Page } from '@playwright/test';

export class MerklePanel {
  readonly tab: Locator;
  readonly region: Locator;
  readonly follow: Locator;
  readonly firstReplica: Locator;
  readonly secondReplica: Locator;
  readonly range: Locator;
  readonly run: Locator;
  readonly next: Locator;
  readonly previous: Locator;
  /** One sentence: where the comparison stands. */
  readonly stage: Locator;
  /** "hashes compared: N, bytes exchanged: B vs full transfer: F". */
  readonly cost: Locator;
  readonly keysSent: Locator;
  /** What the panel's own comparison of a picked pair would send. */
  readonly keysToSend: Locator;
  readonly wholeTree: Locator;
  readonly zoomOut: Locator;
  readonly wide: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByRole('tab', { name: 'Merkle' });
    this.region = page.getByRole('region', { name: 'Merkle trees', exact: true });
    this.follow = this.region.getByRole('checkbox', { name: 'Follow the exchange' });
    this.firstReplica = this.region.getByRole('combobox', { name: 'First replica' });
    this.secondReplica = this.region.getByRole('combobox', { name: 'Second replica' });
    this.range = this.region.getByRole('combobox', { name: 'Key range' });
    this.run = this.region.getByRole('button', { name: 'Run anti-entropy' });
    this.next = this.region.getByRole('button', { name: 'Compare next level' });
    this.previous = this.region.getByRole('button', { name: 'Previous level' });
    this.stage = this.region.getByRole('status', { name: 'Comparison' });
    this.cost = this.region.getByLabel('Cost');
    this.keysSent = this.region.getByRole('region', { name: 'Keys sent' });
    this.keysToSend = this.region.getByRole('region', { name: 'Keys to send' });
    this.wholeTree = this.region.getByRole('button', { name: 'Whole tree' });
    this.zoomOut = this.region.getByRole('button', { name: 'Zoom out' });
    this.wide = page.getByRole('button', { name: 'Wide view' });
  }

  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.region).toBeVisible();
  }

  /** One replica's tree. */
  tree(node: string): Locator {
    return this.region.getByRole('group', { name: `${node}'s tree` });
  }

  /** A drawn tree node, by its accessible name ("A root: hash 3fa2, differs"). */
  treeNode(node: string, name: RegExp): Locator {
    return this.tree(node).getByRole('img', { name });
  }

  /** A collapsed node of a large tree: a button that zooms into its subtree. */
  zoomInto(node: string, name: RegExp): Locator {
    return this.tree(node).getByRole('button', { name });
  }

  /** Clicks "Compare next level" and waits until the comparison moved on. */
  async compareNextLevel(): Promise<void> {
    const before = await this.stage.textContent();
    await this.next.click();
    await expect(this.stage).not.toHaveText(before ?? '');
  }
}
