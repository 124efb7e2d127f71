// Deciding in the release build: the runway from the cash in the bank (and in a link), the
// tornado of what matters most on a stack built from the blank scenario, goal seek of the
// break-even price at a step of the stack, and the plan as text against the phase events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OUTPUT, open, pick, seen, settled, setUsers, text, useApp, waitText } from './harness.mjs';

const app = useApp();

/** Waits until the first bar of the tornado's list reads `want`; the pass runs after the
 * inputs settle, a slice at a time. */
async function topBar(page, want) {
  await page
    .waitForFunction(
      (w) => document.querySelector('[data-testid=tornado-bars] li')?.textContent.replace(/\u2060/g, '').trim() === w,
      want,
      { timeout: 30000 },
    )
    .catch(async () => {
      assert.equal(seen(await page.getByTestId('tornado-bars').locator('li').first().textContent()), want);
    });
}

test('the cash in the bank gives the runway month, and a link carries it', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'ai-ceo-replit');
  // Without cash there is no runway card; the cash field says what it needs.
  assert.equal(await page.getByTestId('kpi-runway').count(), 0);
  assert.equal(await text(page, 'runway-hint'), 'Enter the cash in the bank to see the runway.');
  // Revenue $3,000 against $4,559 (worst) and $4,415 (best), users growing 10% a month:
  // from $10,000 the worst case is below zero at the end of month 4 (−$134.70), the best at
  // the end of month 5 (−$1,738.17). Worked in full in tests/decide.rs.
  await page.getByTestId('cash-in-bank').fill('10000');
  await waitText(page, 'kpi-runway', 'month 4–5');
  assert.match(await text(page, 'kpi-runway-detail'), /^from \$10,000 in the bank; lowest balance −\$8,513 to −\$6,413$/);
  // The profit chart says it draws the cash.
  assert.match(await page.locator('figure:has([data-testid=chart-profit]) figcaption').textContent(), /cash in the bank/);
  await page.getByTestId('chart-profit').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('[data-testid=chart-profit]')?.dataset.plotLeft);
  await page.locator('figure:has([data-testid=chart-profit])').screenshot({ path: join(OUTPUT, 'decide-profit-cash.png') });
  await settled(page);
  const link = await page.getByTestId('share-link').inputValue();

  const again = await open(app.browser, link);
  await waitText(again.page, 'kpi-runway', 'month 4–5');
  assert.equal(await again.page.getByTestId('cash-in-bank').inputValue(), '10,000');
  assert.deepEqual(again.problems, []);
  await again.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the tornado ranks a hand-built stack, and the goal seek finds the price at a step', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'blank');
  // The stack of tests/decide.rs: 1,000 level users, one $6 droplet that holds them, no
  // card fee, 3–7% paying $9–$11, and a team of $1,000–$3,000 a month. Profit at month
  // 12 is 1,000 × 5% × $10 − 6 − 2,000 = −$1,506 at the middle; the team moves it from
  // −$506 to −$2,506, a swing of $2,000, more than anything else.
  await setUsers(page, 1000);
  await page.getByTestId('growth-pct').fill('0');
  await page.getByTestId('component-app-tier').selectOption('digitalocean-droplet/s-1vcpu-1gb');
  await page.getByTestId('revenue-fee-none').click();
  await page.getByTestId('revenue-conversion').fill('3-7');
  await page.getByTestId('revenue-price').fill('9-11');
  await page.getByTestId('add-running-cost').click();
  await page.getByTestId('running-0-usd').fill('1000-3000');
  await page.getByTestId('decide').scrollIntoViewIfNeeded();
  await topBar(page, 'Running cost: Team: −$506 to −$2,506, a swing of $2,000');
  // Break-even users: 6 ÷ (3% × $10) = 20 and 6 ÷ (7% × $10) = 8.6 → 9, a swing of 11.
  await page.getByTestId('tornado-answer').selectOption('Break-even users');
  await topBar(page, 'Users who pay (%): 20 users to 9 users, a swing of 11 users');
  assert.match(await text(page, 'tornado-note'), /have no range and were moved by ±20%/);
  await page.getByTestId('tornado-answer').selectOption('Month the cash runs out');
  await waitText(page, 'tornado-note', 'Enter the cash in the bank, under Revenue, to see what moves the runway.');

  // The starter's database upgrades past 800 users ($6 → $31): the break-even price jumps
  // from (6 ÷ 24 + 0.30) ÷ 0.971 = $0.57 to (31 ÷ 24.03 + 0.30) ÷ 0.971 = $1.64.
  await pick(page, 'starter-saas');
  await page.getByTestId('seek-users').fill('800');
  await page.waitForFunction(() => document.querySelector('[data-testid=seek-answer]')?.textContent.includes('800 users'));
  assert.equal(await text(page, 'seek-answer'), 'The lowest average price at which revenue after card fees covers the infrastructure at 800 users: $0.57 a month.');
  await page.getByTestId('seek-users').fill('801');
  await waitText(page, 'seek-answer', 'The lowest average price at which revenue after card fees covers the infrastructure at 801 users: $1.64 a month.');
  // At $12 each payer brings 12 − 0.348 − 0.30 = $11.352; all 801 paying bring $9,092.95,
  // so $31 takes 31 ÷ 9,092.95 = 0.341% → 0.35% (2.80 payers bring $31.83; 0.34% $30.92).
  await page.getByTestId('seek-lever').selectOption('conversion');
  await waitText(page, 'seek-answer', 'The lowest conversion at which revenue after card fees covers the infrastructure at 801 users: 0.35% of users.');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the plan lists the phase events, copies and downloads, and the tornado is drawn in both schemes', async () => {
  for (const [viewport, colorScheme, name] of [
    [{ width: 1280, height: 900 }, 'light', 'desktop-light'],
    [{ width: 1280, height: 900 }, 'dark', 'desktop-dark'],
    [{ width: 390, height: 844 }, 'light', 'phone-light'],
    [{ width: 390, height: 844 }, 'dark', 'phone-dark'],
  ]) {
    const { context, page, problems } = await open(app.browser, app.url, { viewport, colorScheme });
    await pick(page, 'starter-saas');
    await page.getByTestId('cash-in-bank').fill('5000');
    await page.getByTestId('decide').scrollIntoViewIfNeeded();
    // Growth, moved ±20%, moves the starter's profit at month 24 most: 8% a month gives
    // 6,341 users and $2,111, 12% gives 15,179 and $5,096 (tests/decide.rs).
    await topBar(page, 'Growth a month (%), ±20%: $2,111 to $5,096, a swing of $2,986');
    await page.waitForFunction(() => document.querySelector('[data-testid=plan-text]')?.textContent.includes('1. Growth'));
    const plan = await text(page, 'plan-text');
    const lines = plan.split('\n');
    assert.equal(lines[0], '# Upgrade plan: Starter SaaS on DigitalOcean');
    // Every upgrade on the phase list is a line of the plan, in order, with its users and costs.
    const events = (await page.getByTestId('phase-events').locator('li:not(.alert)').allTextContents()).map(seen);
    const upgrades = lines.filter((l) => l.startsWith('- '));
    assert.equal(upgrades.length, 3);
    assert.deepEqual(upgrades.map((l) => l.slice(2).split(' · ').slice(0, 2).join(' · ')), events);
    assert.equal(upgrades[0], '- Month 3 · Web app: 1 × Basic 1 GB / 1 vCPU → 1 × Basic 2 GB / 1 vCPU; RAM (MB) 826, over 80% of 1,024 · 1,331 users · $6 → $12 a month');
    assert.ok(lines.includes('**Runway:** lasts past month 24 (from $5,000 in the bank; lowest balance $5,000)'));
    // Copying may be refused headless; the page says which. The download is the same text.
    await page.getByTestId('copy-plan').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=plan-status]')?.textContent.length > 0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-plan').click()]);
    assert.equal(download.suggestedFilename(), 'starter-saas-on-digitalocean-plan.md');
    const path = join(OUTPUT, `decide-plan-${name}.md`);
    await download.saveAs(path);
    assert.equal(seen(await readFile(path, 'utf8')), plan);
    await page.getByTestId('chart-tornado').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('[data-testid=chart-tornado]')?.dataset.plotLeft);
    await page.getByTestId('decide').screenshot({ path: join(OUTPUT, `decide-tornado-${name}.png`) });
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a drag skips the panels off screen until it settles, and the plan follows it then', async () => {
  // Whether the page's main area ever skips its off-screen panels, watched from before the
  // app starts: opening a link at other users is not a drag, so it never should.
  const watch = () => {
    window.skipped = [];
    new MutationObserver(() => {
      const on = document.querySelector('main.layout')?.classList.contains('skip-offscreen') ?? false;
      if (window.skipped.at(-1) !== on) window.skipped.push(on);
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
  };
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(watch);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${app.url}#p=salesboy-ai&u=50`);
  await page.getByTestId('plan-text').waitFor({ state: 'attached' });
  await settled(page);
  assert.deepEqual(await page.evaluate(() => window.skipped.filter((on) => on)), []);
  assert.match(await page.getByTestId('plan-text').textContent(), /From 50 users now/);

  // Twenty steps of the slider, one a frame: the panels are skipped while it moves, and
  // laid out again, with the plan from the users where it stopped, once it settles.
  const last = await page.evaluate(async () => {
    const slider = document.querySelector('[data-testid=users-slider]');
    const frame = () => new Promise(requestAnimationFrame);
    for (let i = 1; i <= 20; i += 1) {
      slider.value = String(Number(slider.value) + 5);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await frame();
    }
    return document.querySelector('[data-testid=answers-users]').textContent;
  });
  assert.equal(await page.evaluate(() => document.querySelector('main.layout').classList.contains('skip-offscreen')), true);
  await page.waitForFunction(() => !document.querySelector('main.layout').classList.contains('skip-offscreen'));
  await waitText(page, 'answers-users', last);
  await page.waitForFunction(
    (users) => document.querySelector('[data-testid=plan-text]').textContent.includes(`From ${users} users now`),
    last,
  );
  assert.deepEqual(problems, []);
  await context.close();
});
