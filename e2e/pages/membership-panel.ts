/** The Membership panel (the stage's Members tab): each node's view as a grid, gossip, and the ranges a join or leave moves. */
import { expect, type Locator, type Page } from '@playwright/test';

export class MembershipPanel {
  readonly tab: Locator;
  readonly region: Locator;
  /** "✓ Views agree" or "Views differ: …", and "Rounds until views agree: N". */
  readonly agreement: Locator;
  readonly grid: Locator;
  readonly gossipRound: Locator;
  readonly moves: Locator;
  readonly gossip: Locator;
  /** "Who contacted whom": one item per exchange, "E → C". */
  readonly exchanges: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByRole('tab', { name: /^Members(hip)?$/ });
    this.region = page.getByRole('region', { name: 'Membership' });
    this.agreement = this.region.getByRole('status', { name: 'Agreement' });
    this.grid = this.region.getByRole('table', { name: /^Views/ });
    this.gossipRound = this.region.getByRole('button', { name: 'Gossip round' });
    this.moves = this.region.getByRole('group', { name: 'Ranges moving' });
    this.gossip = this.region.getByRole('img', { name: /^Gossip exchanges/ });
    this.exchanges = this.region.getByRole('list', { name: 'Gossip exchanges' });
  }

  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.region).toBeVisible();
  }

  /** What `observer` believes of `member`; its text is "up v1", "down v1", "left v2" or "?". */
  cell(observer: string, member: string): Locator {
    return this.grid.getByRole('cell', { name: new RegExp(`^${observer} sees ${member}:`) });
  }

  /** The moves list's row for ranges going from `from` to `to`: "A → E (458, 644] has not heard of E yet". */
  transfer(from: string, to: string): Locator {
    return this.moves.getByRole('listitem').filter({ hasText: new RegExp(`^\\s*${from}\\s*→\\s*${to}\\b`) });
  }

  /** A member's column header; its name says whether it is a seed ("A, seed"). */
  column(member: string): Locator {
    return this.grid.getByRole('columnheader', { name: new RegExp(`^${member}(, seed)?$`) });
  }

  /** An observer's row header. */
  observer(id: string): Locator {
    return this.grid.getByRole('rowheader', { name: new RegExp(`^${id}(,|$)`) });
  }
}
