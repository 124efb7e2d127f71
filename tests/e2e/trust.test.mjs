// Prices a founder can check, in the release build: each capacity row links its source
// with the day the price was checked, a price checked more than six months before today is
// marked, and a scenario priced with an earlier catalogue lists what changed and lets the
// founder keep the old prices or take today's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { addComponent, open, pick, setUsers, settled, text, useApp, ROOT } from './harness.mjs';

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

// The history's changes to WhatsApp's service replies: billed at the utility rate past the
// first 1,000 a month since 2026-10-01, where the earlier catalogue had them free at best.
test('a scenario saved under an older catalogue lists its changed prices, and both choices work', async () => {
  const history = JSON.parse(await readFile(join(ROOT, 'assets', 'price-history.json'), 'utf8'));
  const change = history.editions.at(-1).changes.find((c) => c.offer === 'whatsapp-business-api/north-america');
  assert.ok(change, 'the history records the WhatsApp change');

  const first = await open(app.browser, app.url);
  const { page } = first;
  await pick(page, 'blank');
  await page.getByTestId('component-app-remove').click();
  await page.getByTestId('component-app').waitFor({ state: 'detached' });
  await addComponent(page, 'whatsapp-business-api', 'c1');
  await setUsers(page, 10000);
  await settled(page);
  const link = await page.getByTestId('share-link').inputValue();
  const todayCost = await text(page, 'kpi-monthly-cost');
  assert.equal(await page.getByTestId('reprice').count(), 0, 'priced with this catalogue: nothing to list');
  await first.context.close();

  // The same scenario as a build before editions were recorded wrote it.
  const [base, fragment] = link.split('#s=2.');
  const raw = JSON.parse(inflateRawSync(Buffer.from(fragment, 'base64url')).toString('utf8'));
  assert.equal(raw.priced_with, history.editions.at(-1).edition);
  delete raw.priced_with;
  const old = `${base}#s=1.${Buffer.from(JSON.stringify(raw), 'utf8').toString('base64url')}`;

  for (const choice of ['today', 'keep']) {
    const { page, problems, context } = await open(app.browser, old);
    await page.getByTestId('reprice').waitFor();
    assert.match(await text(page, 'reprice'), /since it was saved by an earlier version of Headroom/);
    const items = await page.getByTestId('reprice-list').locator('li').allTextContents();
    assert.equal(items.length, 1, items.join('\n'));
    assert.match(items[0], /\$0–\$0\.0034 → \$0\.0034/);
    // Until the founder chooses, the figures use today's prices.
    assert.equal(await text(page, 'kpi-monthly-cost'), todayCost);
    await page.getByTestId(`reprice-${choice}`).click();
    await page.getByTestId('reprice').waitFor({ state: 'detached' });
    if (choice === 'today') {
      assert.equal(await text(page, 'reprice-result'), "Using today's prices.");
      assert.equal(await text(page, 'kpi-monthly-cost'), todayCost);
    } else {
      assert.match(await text(page, 'reprice-result'), /^Kept: the old prices are now your own/);
      // The best case bills the service replies at $0 again: the band widens downwards.
      const kept = await text(page, 'kpi-monthly-cost');
      assert.notEqual(kept, todayCost);
      assert.match(kept, /–/);
      assert.match(await text(page, 'component-c1-overridden'), /^A rate of this plan is your own; what users use of it shows what it charges. Yours: the price this scenario was saved with, kept when the catalogue changed.$/);
    }
    // The choice is saved: a reload lists nothing.
    await settled(page);
    await page.reload();
    await page.getByTestId('kpi-monthly-cost').waitFor();
    assert.equal(await page.getByTestId('reprice').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a model its provider is ending says so in the plan list, the warnings and the capacity table', async () => {
  const { page, problems, context } = await open(app.browser, app.url);
  await pick(page, 'blank');
  await page.getByTestId('component-app-remove').click();
  await page.getByTestId('component-app').waitFor({ state: 'detached' });
  await addComponent(page, 'gemini', 'c1');
  const option = page.getByTestId('component-c1-tier').locator('option[value="gemini/gemini-2.5-flash"]');
  assert.match(await option.textContent(), /^Gemini 2\.5 Flash · .* · shuts down 2026-12-01$/);
  await page.getByTestId('component-c1-tier').selectOption('gemini/gemini-2.5-flash');
  const said = 'Gemini 2.5 Flash is deprecated and shuts down on 2026-12-01; pick Gemini 3.5 Flash instead.';
  await page.waitForFunction((w) => document.querySelector('[data-testid=warnings]')?.textContent.includes(w), said);
  await page.getByTestId('source-c1').getByTestId('ending').waitFor();
  assert.equal(await page.getByTestId('source-c1').getByTestId('ending').textContent(), said);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a scenario priced with a catalogue edition this build does not know says so and lists nothing', async () => {
  const first = await open(app.browser, app.url);
  await pick(first.page, 'blank');
  await first.page.getByTestId('component-app-remove').click();
  await settled(first.page);
  const link = await first.page.getByTestId('share-link').inputValue();
  await first.context.close();
  const [base, fragment] = link.split('#s=2.');
  const raw = JSON.parse(inflateRawSync(Buffer.from(fragment, 'base64url')).toString('utf8'));
  raw.priced_with = '2099-01-01';
  const { page, problems, context } = await open(app.browser, `${base}#s=1.${Buffer.from(JSON.stringify(raw), 'utf8').toString('base64url')}`);
  assert.equal(
    await text(page, 'reprice-unknown'),
    'This scenario was priced with a catalogue edition this version of Headroom does not know (“2099-01-01”), perhaps by a newer version: its figures use today\'s prices, and which of them changed cannot be listed.',
  );
  assert.equal(await page.getByTestId('reprice').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
