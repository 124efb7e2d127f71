// Break-even in the release build: a stack built in the page from the blank scenario whose
// profit is at or above zero over two ranges of users. The break-even answer names both
// ranges, the revenue chart marks each crossing at the same users, and the break-even
// month agrees with them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addComponent, open, pick, setUsers, text, useApp, waitText } from './harness.mjs';

const app = useApp();

// The user counts in an answer such as "80–500 users, and again from 580".
function counts(answer) {
  return (answer.match(/\d[\d,]*/g) ?? []).map((n) => Number(n.replaceAll(',', '')));
}

test('on a stack with two break-even ranges the answer and the revenue chart agree', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'blank');
  await page.getByTestId('component-app-remove').click();
  await page.getByTestId('component-app').waitFor({ state: 'detached' });
  // The hand-worked figures take revenue as charged: no card fee.
  await page.getByTestId('revenue-fee-none').click();

  // A $4 droplet: Basic 512 MB, one unit at most.
  await addComponent(page, 'digitalocean-droplet', 'c1');
  await page.getByTestId('component-c1-tier').selectOption('digitalocean-droplet/s-1vcpu-512mb-10gb');

  // Supabase counting only its database, 1 MB a user, on Free until its 500 MB are full,
  // then Pro at $25.
  await addComponent(page, 'supabase', 'c2');
  assert.match(await page.locator('label[for=component-c2-demand-0]').textContent(), /database/i);
  for (let left = 4; left >= 1; left -= 1) {
    await page.getByTestId('component-c2-demand-1-remove').click();
    await page.getByTestId(`component-c2-demand-${left}-row`).waitFor({ state: 'detached' });
  }
  await page.getByTestId('component-c2-demand-0').fill('1');
  await page.getByTestId('component-c2-demand-0').blur();
  await page.getByTestId('component-c2-threshold').fill('100');
  await page.getByTestId('component-c2-threshold').blur();

  // Revenue 1% × $5 = $0.05 a user: $4 is covered from 80 users; 500 users bring $25;
  // from 501 Pro makes the cost $29, covered again from 580 users ($29.00).
  await page.getByTestId('revenue-conversion').fill('1');
  await page.getByTestId('revenue-price').fill('5');
  await waitText(page, 'kpi-break-even-users', '80–500 users, and again from 580');

  // The chart marks every crossing, at the users the answer gives.
  await page.getByTestId('chart-revenue').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('[data-testid=chart-revenue]')?.dataset.plotLeft);
  const marks = await page.getByTestId('chart-revenue').getAttribute('data-crossings');
  assert.deepEqual(marks.split(' ').map(Number), [80, 500, 580]);
  assert.deepEqual(counts(await text(page, 'kpi-break-even-users')), [80, 500, 580]);

  // The break-even month agrees with the ranges. The blank scenario grows 10% a month:
  // from 520 users (inside the loss) it has 572 in month 1, still inside, and 629.2 in
  // month 2, past 580.
  await setUsers(page, 520);
  await waitText(page, 'kpi-break-even-month', 'month 2');
  await setUsers(page, 450);
  await waitText(page, 'kpi-break-even-month', 'now');
  // Under 80 users the first range is still ahead: 50 × 1.1^4 = 73.2, 50 × 1.1^5 = 80.5,
  // 81 whole users, in month 5.
  await setUsers(page, 50);
  await waitText(page, 'kpi-break-even-month', 'month 5');
  // The ranges do not depend on the users shown.
  assert.equal(await text(page, 'kpi-break-even-users'), '80–500 users, and again from 580');
  assert.equal(await page.getByTestId('chart-revenue').getAttribute('data-crossings'), marks);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a $0 host and an LLM that costs more per user than it earns never break even, in users or months', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'blank');
  await page.getByTestId('component-app-remove').click();
  await page.getByTestId('component-app').waitFor({ state: 'detached' });
  // The hand-worked figures take revenue as charged: no card fee.
  await page.getByTestId('revenue-fee-none').click();
  await addComponent(page, 'vercel', 'c1');
  await page.getByTestId('component-c1-tier').selectOption('vercel/hobby');
  // GPT-4o with one message a user carrying 200K input and 50K output tokens: $2.50/M ×
  // 0.2M + $10/M × 0.05M = $1.00 a user, against 5% × $10 = $0.50.
  await addComponent(page, 'openai', 'c2');
  await page.getByTestId('component-c2-tier').selectOption('openai/gpt-4o');
  assert.match(await page.locator('label[for=component-c2-demand-2]').textContent(), /cached/i);
  await page.getByTestId('component-c2-demand-2-remove').click();
  await page.getByTestId('component-c2-demand-3-row').waitFor({ state: 'detached' });
  await page.getByTestId('component-c2-demand-0-per').selectOption('user');
  for (const [i, v] of [[0, '1'], [1, '200,000'], [2, '50,000']]) {
    await page.getByTestId(`component-c2-demand-${i}`).fill(v);
    await page.getByTestId(`component-c2-demand-${i}`).blur();
  }
  await setUsers(page, 1000);
  await waitText(page, 'kpi-monthly-cost', '$1,000');
  assert.equal(await text(page, 'kpi-revenue'), '$500');
  await waitText(page, 'kpi-break-even-users', 'never, up to 10,000,000,000 users');
  assert.equal(await text(page, 'kpi-break-even-month'), 'never: no number of users breaks even');
  assert.equal(await page.getByTestId('chart-revenue').getAttribute('data-crossings'), '');
  assert.deepEqual(problems, []);
  await context.close();
});
