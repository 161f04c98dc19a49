/** The header's share tools and the share dialog. */
import { expect, type Locator, type Page } from '@playwright/test';

export class ShareTools {
  readonly shareButton: Locator;
  readonly fileMenuButton: Locator;
  readonly openInput: Locator;
  readonly dialog: Locator;
  readonly linkField: Locator;
  /** The message that a link or a file could not be opened. */
  readonly alert: Locator;

  constructor(readonly page: Page) {
    const header = page.getByRole('banner');
    this.shareButton = header.getByRole('button', { name: 'Share', exact: true });
    this.fileMenuButton = header.getByRole('button', { name: 'File' });
    this.openInput = header.getByLabel('Open scenario');
    this.dialog = page.getByRole('dialog', { name: 'Share this session' });
    this.linkField = this.dialog.getByRole('textbox', { name: 'Share link' });
    this.alert = page.getByRole('alert').filter({ hasText: 'could not be opened' });
  }

  /** Clicks Share and returns the link the dialog shows. */
  async share(): Promise<string> {
    await this.shareButton.click();
    await expect(this.linkField).toBeVisible();
    return this.linkField.inputValue();
  }

  /** File ▸ Save scenario; the downloaded file's path. */
  async save(): Promise<string> {
    await this.fileMenuButton.click();
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('menuitem', { name: /Save scenario/ }).click()]);
    const path = await download.path();
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    return path;
  }

  /** Opens the page at a link (a full URL or `/#s=…`) and waits for the engine's first frame. */
  async openLink(link: string): Promise<void> {
    await this.page.goto(link);
    await expect(this.page).toHaveTitle(/DynamoScope/);
    await expect(this.page.getByRole('region', { name: 'Cluster' }).getByRole('list', { name: 'Nodes' }).getByRole('button').first()).toBeVisible();
  }
}
