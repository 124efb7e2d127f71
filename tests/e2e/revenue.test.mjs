// Revenue as it arrives, as a founder sets it in the page: the card fee, a plan mix with an
// annual plan, a running cost, conversion of active users and churn, with every figure
// read off the answers and worked by hand in the comments (see also tests/model.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { open, screenshot, settled, text, useApp, waitText } from './harness.mjs';

const app = useApp();

test('fees, a plan mix, a running cost, active conversion and churn move the answers', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  // The starter scenario at 1,000 users: 3% pay, the stack costs $31 (tests/model.rs).
  // A new scenario pays Stripe's published US card rate, with its source and date.
  assert.equal(await page.getByTestId('revenue-fee-pct').inputValue(), '2.9');
  assert.equal(await page.getByTestId('revenue-fee-fixed').inputValue(), '0.3');
  const source = await text(page, 'revenue-fee-source');
  assert.match(source, /Stripe, US online card payments: 2\.9% \+ \$0\.30 a charge/);
  assert.match(source, /Stripe pricing ↗ · checked 2026-09-20/);
  // 30 paying × ($12 − ($0.348 + $0.30)) = 30 × $11.352 = $340.56.
  assert.equal(await text(page, 'kpi-revenue'), '$341');

  // Two plans: the first takes every paying user at the average price; a second at 30%
  // leaves the first 70%. Monthly $10, annual $96 a year.
  await page.getByTestId('add-plan').click();
  await page.getByTestId('plan-0-price').waitFor();
  await page.getByTestId('add-plan').click();
  await page.getByTestId('plan-1-share').fill('30');
  await page.waitForFunction(() => document.querySelector('[data-testid=plan-0-share]')?.value === '70');
  await page.getByTestId('plan-0-price').fill('10');
  await page.getByTestId('plan-1-billing').selectOption('annual');
  await page.getByTestId('plan-1-price').fill('96');
  // Monthly nets $10 − $0.59 = $9.41; annual $96 − ($2.784 + $0.30) = $92.916 ÷ 12 =
  // $7.743. Per paying user 0.7 × 9.41 + 0.3 × 7.743 = $8.9099; 30 × 8.9099 = $267.30.
  // Charged: 30 × (0.7 × 10 + 0.3 × 8) = 30 × $9.40 = $282, so fees are $14.70.
  await waitText(page, 'kpi-revenue', '$267');
  assert.equal(await text(page, 'kpi-revenue-detail'), 'after $14.70 of card fees on $282 charged');
  // Profit on infrastructure: 267.297 − 31 = $236.30.
  assert.equal(await text(page, 'kpi-profit'), '$236');

  // A running cost of $200 a month, shown apart: profit 236.297 − 200 = $36.30.
  await page.getByTestId('add-running-cost').click();
  await page.getByTestId('running-0-usd').fill('200');
  await waitText(page, 'kpi-running-costs', '$200');
  await waitText(page, 'kpi-profit', '$36.30');
  assert.equal(await text(page, 'kpi-profit-detail'), 'after running costs; on infrastructure alone $236');
  // Break-even: each user brings 3% × $8.9099 = $0.267297. The stack costs $6 up to 800
  // users and $31 from 801. On infrastructure alone: 23 × 0.267297 = $6.15 ≥ $6 (22 bring
  // $5.88). With the $200: 771 × 0.267297 = $206.09 ≥ $206 (770 bring $205.82) up to 800,
  // then 801 bring $214.11 < $231 until 865 × 0.267297 = $231.21 (864 bring $230.94).
  await waitText(page, 'kpi-break-even-users', 'from 23 users');
  await waitText(page, 'kpi-break-even-running', '771–800 users, and again from 865');
  // Paying users to cover $31 at $8.9099 net: ⌈3.48⌉ = 4; with running costs ⌈231 ÷ 8.9099⌉
  // = ⌈25.93⌉ = 26.
  const row = await page.locator('[data-testid=break-even-prices] tbody tr').first().locator('td').allTextContents();
  assert.deepEqual(row, ['$9.40', '4', '26']);

  // No fees: 30 × $9.40 = $282 arrives; the published rate back: $267 again.
  await page.getByTestId('revenue-fee-none').click();
  await waitText(page, 'kpi-revenue', '$282');
  assert.equal(await text(page, 'kpi-revenue-detail'), 'no payment fees');
  await page.getByTestId('revenue-fee-default').click();
  await waitText(page, 'kpi-revenue', '$267');

  // 3% of the 40% who are active: 1,000 × 40% × 3% = 12 paying × $8.9099 = $106.92.
  await page.getByTestId('revenue-conversion-of').selectOption('active');
  await waitText(page, 'kpi-revenue', '$107');
  await page.getByTestId('revenue-conversion-of').selectOption('all');
  await waitText(page, 'kpi-revenue', '$267');

  // A one-time cost of $50, repaid on the timeline (users grow 10% a month), counted from
  // launch: month 0 earns $36.30, leaving −50 + 36.30 = −$13.70; month 1 has 1,100 users,
  // 33 paying × $8.9099 = $294.03 − $31 − $200 = $63.03, so 13.70 ÷ 63.03 = 0.22 of month 1
  // repays the rest: 1.2 months from launch.
  await page.getByTestId('add-one-time-cost').click();
  await page.getByTestId('one-time-0-usd').fill('50');
  await waitText(page, 'kpi-payback-months', '1.2 months');
  assert.match(await text(page, 'kpi-payback-months-detail'), /months until profit repays it$/);
  // A blank name is refused beside the field and the cost keeps its own; a second cost
  // added and removed leaves the first.
  await page.getByTestId('one-time-0-name').fill(' ');
  assert.equal(await text(page, 'one-time-0-name-error'), 'Give the cost a name, such as Migration.');
  await page.getByTestId('one-time-0-name').fill('Migration');
  await page.getByTestId('add-one-time-cost').click();
  await page.getByTestId('one-time-1-usd').fill('5000');
  await waitText(page, 'kpi-payback-months-detail', '$5,050 one-time; months until profit repays it');
  await page.getByTestId('one-time-1-remove').click();
  await waitText(page, 'kpi-payback-months', '1.2 months');
  // Half the paying users cancel each month: month 1 has 30 × 0.5 + 3% × 100 new = 18
  // paying, × $8.9099 = $160.38 − $231 = −$70.62, so −50 + 36.30 − 70.62 = −$84.32; the
  // paying users keep falling (12.3 in month 2, 9.78 in month 3) and are back to 30 only in
  // month 19, so by month 24 the sum is still −$1,274: it does not pay back on the
  // timeline. The answers at a user count keep the steady share and say so.
  await page.getByTestId('revenue-churn').fill('50');
  await page.getByTestId('churn-note').waitFor();
  await waitText(page, 'kpi-payback-months', 'not within 24 months');
  assert.equal(await text(page, 'kpi-revenue'), '$267');
  await screenshot(page, 'revenue-as-it-arrives');

  // The working scenario keeps all of it across a reload.
  await settled(page);
  await page.goto(app.url);
  await page.getByTestId('kpi-monthly-cost').waitFor();
  await waitText(page, 'kpi-revenue', '$267');
  assert.equal(await text(page, 'kpi-profit'), '$36.30');
  assert.equal(await page.getByTestId('revenue-churn').inputValue(), '50');
  assert.equal(await page.getByTestId('plan-1-billing').inputValue(), 'annual');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a plan past the most a scenario may have is refused in words, and the card-fee rate gives its date', async () => {
  const { page, problems, context } = await open(app.browser, app.url);
  assert.match(await text(page, 'revenue-fee-source'), /· checked \d{4}-\d{2}-\d{2}/);
  for (let i = 0; i < 32; i += 1) await page.getByTestId('add-plan').click();
  await page.getByTestId('plan-31-name').waitFor();
  await page.getByTestId('add-plan').click();
  assert.equal(await text(page, 'add-plan-error'), 'A scenario may have at most 32 plans.');
  assert.equal(await page.getByTestId('plan-32-name').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the card-fee rate checked more than six months before today asks to be checked', async () => {
  const { checked } = JSON.parse(await readFile(new URL('../../assets/payment_fees.json', import.meta.url), 'utf8'));
  const [y, m, d] = checked.split('-').map(Number);
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(Date.UTC(y, m - 1 + 6, d + 1, 12)));
  await page.goto(app.url);
  await page.getByTestId('revenue-fee-source').waitFor();
  assert.match(await text(page, 'revenue-fee-source'), new RegExp(`checked ${checked}, check this rate\\)`));
  await context.close();
});
