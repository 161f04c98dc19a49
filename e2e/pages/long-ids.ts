/** Scenarios whose node ids are as long as lecturers write them ("dc2-node12", "eu-west-1a"), opened through File. */
import { expect, type Page } from '@playwright/test';
import { ShareTools } from './share';

export const MIXED8 = ['node10', 'server-a', 'dc1-node3', 'dc2-node12', 'backup-01', 'node7', 'eu-west-1a', 'cache-003'];
export const MIXED16 = ['dc1-node1', 'dc1-node2', 'dc1-node3', 'server-a', 'dc1-node5', 'eu-west-1a', 'dc1-node7', 'dc1-node8', 'dc2-node10', 'dc2-node11', 'dc2-node12', 'dc2-node13', 'dc2-node14', 'dc2-node15', 'dc2-node16', 'dc2-node17'];

/** A scenario of these nodes, one token each, evenly round a ring of 1,000 (the first two are the seeds). */
export function longIdScenario(ids: readonly string[]): object {
  const nodes = ids.map((id, i) => ({ id, tokens: [Math.round(((i + 0.5) * 1000) / ids.length)] }));
  return { version: 1, seed: 7, config: { n: 3, r: 2, w: 2, ringSize: 1000, gossipIntervalMs: 200, nodes }, steps: [{ op: 'wait', ms: 1000 }] };
}

/** Opens the page on a scenario of these nodes, as File ▸ Open scenario… does. */
export async function openLongIds(page: Page, ids: readonly string[]): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('region', { name: /^Preference list/ }).getByRole('table')).toBeVisible();
  const buffer = Buffer.from(JSON.stringify(longIdScenario(ids)));
  await new ShareTools(page).openInput.setInputFiles({ name: 'long-ids.json', mimeType: 'application/json', buffer });
  await expect(page.getByRole('region', { name: /^Preference list/ }).getByRole('rowheader').first()).toHaveText(/-|\d\d/);
}

interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** Pairs of boxes that overlap by more than `slackPx` either way. */
export function overlapping(boxes: readonly (Box & { name: string })[], slackPx = 0.5): string[] {
  const out: string[] = [];
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1)) {
      const isApart = a.right - slackPx <= b.left || b.right - slackPx <= a.left || a.bottom - slackPx <= b.top || b.bottom - slackPx <= a.top;
      if (!isApart) out.push(`${a.name} over ${b.name}`);
    }
  return out;
}
