/** The whole page: opening it and waiting until the engine answered. */
import { expect, type Page } from '@playwright/test';
import { ControlsPanel } from './controls-panel';
import { EventLogPanel } from './event-log-panel';
import { PlaybackBar } from './playback-bar';
import { PreferenceListPanel } from './preference-list-panel';
import { RequestTracePanel } from './request-trace-panel';
import { RingPanel } from './ring-panel';
import { SessionBar } from './session-bar';

export class AppPage {
  readonly ring: RingPanel;
  readonly controls: ControlsPanel;
  readonly preferenceList: PreferenceListPanel;
  readonly requestTrace: RequestTracePanel;
  readonly playback: PlaybackBar;
  readonly log: EventLogPanel;
  readonly session: SessionBar;

  constructor(readonly page: Page) {
    this.ring = new RingPanel(page);
    this.controls = new ControlsPanel(page);
    this.preferenceList = new PreferenceListPanel(page);
    this.requestTrace = new RequestTracePanel(page);
    this.playback = new PlaybackBar(page);
    this.log = new EventLogPanel(page);
    this.session = new SessionBar(page);
  }

  /** Opens the page and waits for the engine's first frame (the ring's nodes are drawn). */
  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page).toHaveTitle(/DynamoScope/);
    await expect(this.ring.node('A')).toBeVisible();
    await expect(this.preferenceList.table).toBeVisible();
  }
}
