// Prices a founder can check, in the release build: each capacity row links its source
// with the day the price was checked, a price checked more than six months before today is
// marked, and a scenario priced with an earlier catalogue lists what changed and lets the
// founder keep the old prices or take today's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { open, text, useApp, ROOT } from './harness.mjs';

const app = useApp();

async function offer(ref) {
  const [provider, id] = ref.split('/');
  const cat = JSON.parse(await readFile(join(ROOT, 'assets', 'catalogue.json'), 'utf8'));
  return cat.providers.find((p) => p.id === provider).offers.find((o) => o.id === id);
}

test('a capacity row links its official source and gives the day it was checked', async () => {
  const { page, problems, context } = await open(app.browser, app.url);
  const droplet = await offer('digitalocean-droplet/s-1vcpu-1gb');
  const cell = page.getByTestId('source-host');
  await cell.waitFor();
  assert.equal(
    (await cell.locator('a').textContent()).trim(),
    `${droplet.source_title} ↗`,
  );
  assert.equal(await cell.locator('a').getAttribute('href'), droplet.source_url);
  assert.equal(await cell.getByTestId('checked').textContent(), `checked ${droplet.checked}`);
  // How it was obtained is one click away.
  assert.equal(await cell.getByTestId('how').isVisible(), false);
  await cell.locator('summary').click();
  assert.match(await cell.getByTestId('how').textContent(), /^From the provider's own API or price list; confirmed\./);
  assert.equal(await cell.getByTestId('stale').count(), 0, 'checked within six months of today');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a price checked more than six months before today is marked, and the answers count it', async () => {
  const droplet = await offer('digitalocean-droplet/s-1vcpu-1gb');
  const [y, m, d] = droplet.checked.split('-').map(Number);
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // Six months and one day after the check: stale. Six months to the day: not yet.
  const day = (months, days) => new Date(Date.UTC(y, m - 1 + months, d + days, 12));
  await page.clock.setFixedTime(day(6, 1));
  await page.goto(app.url);
  const cell = page.getByTestId('source-host');
  await cell.waitFor();
  assert.equal(await cell.getByTestId('stale').textContent(), 'check this price');
  assert.match(
    await text(page, 'prices-checked'),
    /^\d+ of the \d+ catalogue prices in use (was|were) checked more than six months ago \(.*DigitalOcean Basic droplet Basic 1 GB \/ 1 vCPU.*\)/,
  );
  await page.clock.setFixedTime(day(6, 0));
  await page.reload();
  await cell.waitFor();
  assert.equal(await cell.getByTestId('stale').count(), 0);
  await context.close();
});
