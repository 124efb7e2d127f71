// The app as a person uses it: open the release build, read the answer, change the users,
// read the new answer. Hand-worked values are in tests/model.rs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, screenshot, useApp } from './harness.mjs';

const app = useApp();

test('opens on the starter scenario with no console errors', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  assert.equal(await page.getByTestId('scenario-name').textContent(), 'Starter SaaS on DigitalOcean');
  assert.equal(await page.getByTestId('kpi-monthly-cost').textContent(), '$31');
  await screenshot(page, 'starter-desktop-light');
  assert.deepEqual(problems, []);
  await context.close();
});

test('typing a user count changes the monthly cost to the hand-worked value', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  const users = page.getByTestId('users-input');
  await users.fill('10000');
  await assert.doesNotReject(
    page.waitForFunction(() => document.querySelector('[data-testid=kpi-monthly-cost]')?.textContent === '$73'),
  );
  assert.equal(await page.getByTestId('kpi-cost-per-user').textContent(), '$0.0073');
  await users.fill('ten');
  assert.match(await page.getByTestId('users-input-error').textContent(), /not a number/);
  assert.equal(await page.getByTestId('kpi-monthly-cost').textContent(), '$73');
  assert.deepEqual(problems, []);
  await context.close();
});
