// A founder's names and a deliberate "Add a component", in a real browser against the
// release build: the add list is worked by keyboard (the arrows only move, Enter adds the
// one highlighted, the new card takes the focus), typing narrows it, and it fits a phone;
// the scenario and its components are renamed, and the name follows into "Save as", the
// page title and every exported file's name, and survives a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { open, pick, settled, screenshot, text, useApp, waitText, OUTPUT } from './harness.mjs';

const app = useApp();

const cards = (page) => page.locator('article.component').count();
const focused = (page) => page.evaluate(() => document.activeElement?.dataset.testid ?? document.activeElement?.id ?? '');
const selected = (page) => page.locator('[data-testid=add-component-list] [aria-selected=true]').evaluateAll((els) => els.map((e) => e.dataset.testid));

test('adding by keyboard: the arrows only move, Enter adds the one highlighted, and its card takes the focus', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'starter-saas');
  await page.getByTestId('add-component-button').waitFor();
  assert.equal(await cards(page), 2);
  // The button opens the list and the focus goes to its search field.
  await page.getByTestId('add-component-button').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('add-component-list').waitFor();
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'add-component-search');
  const search = page.getByTestId('add-component-search');
  assert.equal(await search.getAttribute('role'), 'combobox');
  assert.equal(await page.getByTestId('add-component-button').getAttribute('aria-expanded'), 'true');
  assert.equal(await search.getAttribute('aria-activedescendant'), 'add-option-digitalocean-droplet');
  // Up at the top stays on the first provider.
  await page.keyboard.press('ArrowUp');
  assert.deepEqual(await selected(page), ['add-option-digitalocean-droplet']);
  // Three steps down the hosting group: Replit Autoscale, Replit Reserved VM, Heroku dyno.
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  assert.equal(await cards(page), 2, 'moving through the list adds nothing');
  assert.equal(await search.getAttribute('aria-activedescendant'), 'add-option-heroku-dyno');
  assert.deepEqual(await selected(page), ['add-option-heroku-dyno']);
  assert.equal(await focused(page), 'add-component-search');
  // Enter adds exactly the one highlighted, closes the list and focuses the new card.
  await page.keyboard.press('Enter');
  await page.getByTestId('component-c3').waitFor();
  assert.equal(await cards(page), 3);
  assert.ok(await page.getByTestId('add-component-list').isHidden());
  assert.equal(await page.getByTestId('add-component-button').getAttribute('aria-expanded'), 'false');
  await page.waitForFunction(() => document.activeElement?.closest('[data-testid=component-c3]') !== null);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Heroku dyno');
  assert.equal(await page.getByTestId('component-c3-provider').inputValue(), 'heroku-dyno');
  // Escape closes the list without adding and gives the focus back to the button.
  await page.getByTestId('add-component-button').click();
  await page.getByTestId('add-component-list').waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  await page.getByTestId('add-component-list').waitFor({ state: 'hidden' });
  assert.equal(await focused(page), 'add-component-button');
  assert.equal(await cards(page), 3);
  // Focus leaving the list for elsewhere on the page closes it too.
  await page.getByTestId('add-component-button').click();
  await page.getByTestId('add-component-list').waitFor();
  await page.getByTestId('users-input').focus();
  await page.getByTestId('add-component-list').waitFor({ state: 'hidden' });
  assert.equal(await cards(page), 3);
  assert.deepEqual(problems, []);
  await context.close();
});

test('typing narrows the list, which is grouped under role headings and says when nothing matches', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'starter-saas');
  await page.getByTestId('add-component-button').click();
  const list = page.getByTestId('add-component-list');
  await list.waitFor();
  const headings = () => list.locator('[data-testid^=add-group-]').allTextContents();
  const options = () => list.locator('[role=option]').evaluateAll((els) => els.map((e) => e.dataset.testid));
  const all = await headings();
  for (const role of ['Hosting', 'Database', 'Cache', 'Vector store', 'Messaging', 'LLM API', 'CDN', 'Email']) {
    assert.ok(all.includes(role), `${role} is a heading: ${all.join(', ')}`);
  }
  assert.deepEqual(all.slice(0, 3), ['Hosting', 'Database', 'Cache']);
  assert.ok((await options()).length > 40);
  const search = page.getByTestId('add-component-search');
  // By provider name, whatever the case: the four providers with Postgres in theirs.
  await search.fill('POSTGRES');
  assert.deepEqual(await headings(), ['Database']);
  assert.deepEqual(await options(), [
    'add-option-managed-postgres', 'add-option-heroku-postgres', 'add-option-aws-rds-postgres', 'add-option-neon',
  ]);
  assert.equal(await search.getAttribute('aria-activedescendant'), 'add-option-managed-postgres');
  // By plan names: OpenAI's plans with both words, named under it.
  await search.fill('gpt-5 mini');
  assert.deepEqual(await headings(), ['LLM API']);
  assert.deepEqual(await options(), ['add-option-openai']);
  assert.match(await text(page, 'add-option-openai'), /Plans: GPT-5 mini, GPT-5\.4 mini/);
  // Nothing matches: the list says so, and Enter adds nothing.
  await search.fill('xyz');
  assert.deepEqual(await options(), []);
  assert.equal(await text(page, 'add-component-empty'), 'No provider matches “xyz”. Define it yourself under “A provider that is not in the list”.');
  assert.equal(await search.getAttribute('aria-activedescendant'), null);
  await search.press('Enter');
  assert.equal(await cards(page), 2);
  // A click on an option adds it.
  await search.fill('redis');
  await page.getByTestId('add-option-redis').click();
  await page.getByTestId('component-c3').waitFor();
  assert.equal(await page.getByTestId('component-c3-provider').inputValue(), 'redis');
  assert.equal(await cards(page), 3);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the open add list fits a 390 px phone and a desktop; screenshots taken', async () => {
  await mkdir(OUTPUT, { recursive: true });
  for (const [width, height] of [[390, 844], [1280, 900]]) {
    for (const colorScheme of ['light', 'dark']) {
      const { context, page, problems } = await open(app.browser, app.url, { viewport: { width, height }, colorScheme });
      await pick(page, 'starter-saas');
      await page.getByTestId('add-component-button').click();
      await page.getByTestId('add-component-list').waitFor();
      await page.keyboard.press('ArrowDown');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page at ${width}px overflows by ${overflow}px`);
      const inner = await page.getByTestId('add-component-list').evaluate((el) => el.scrollWidth - el.clientWidth);
      assert.ok(inner <= 0, `the list at ${width}px scrolls sideways by ${inner}px`);
      await screenshot(page, `add-list-${width}-${colorScheme}`);
      await page.locator('.add-component').screenshot({ path: join(OUTPUT, `add-list-${width}-${colorScheme}-open.png`) });
      // The list stays open through the screenshot's scrolling.
      assert.ok(await page.getByTestId('add-component-list').isVisible());
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});

test('renaming the scenario: refused when blank, followed by Save as, the title and every export, kept on reload', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'starter-saas');
  await settled(page);
  const input = page.getByTestId('scenario-name-input');
  // A blank name is refused next to the field and the old name kept.
  await page.getByTestId('scenario-rename').click();
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'scenario-name-input');
  assert.equal(await input.inputValue(), 'Starter SaaS on DigitalOcean');
  await input.fill('   ');
  await input.press('Enter');
  assert.equal(
    await text(page, 'scenario-name-input-error'),
    'Give the scenario a name, such as “Launch plan”. It is still called “Starter SaaS on DigitalOcean”.',
  );
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  // Escape cancels: the heading is back with the old name, and the preset is not edited.
  await input.press('Escape');
  await page.getByTestId('scenario-name').waitFor();
  assert.ok(await input.isHidden());
  assert.equal(await text(page, 'scenario-name'), 'Starter SaaS on DigitalOcean');
  assert.equal(await text(page, 'scenario-name-input-error'), '');
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'scenario-rename');
  const picked = () => page.getByTestId('preset-picker').evaluate((el) => el.options[el.selectedIndex].textContent);
  assert.equal(await picked(), 'Starter SaaS on DigitalOcean');
  // Enter keeps a new name: the scenario is now the founder's own.
  await page.getByTestId('scenario-rename').click();
  await input.fill('  Café Plan — Q3 ');
  await input.press('Enter');
  await waitText(page, 'scenario-name', 'Café Plan — Q3');
  assert.equal(await picked(), 'Your own (edited)');
  assert.equal(await page.title(), 'Café Plan — Q3 · Headroom');
  assert.equal(await page.getByTestId('save-name').inputValue(), 'Café Plan — Q3');
  // Every export is named after it.
  const download = async (testid) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
    return file.suggestedFilename();
  };
  assert.equal(await download('export-json'), 'cafe-plan-q3.json');
  assert.equal(await download('export-timeline-csv'), 'cafe-plan-q3-timeline.csv');
  assert.equal(await download('export-sweep-csv'), 'cafe-plan-q3-users.csv');
  assert.equal(await download('png-chart-cost'), 'cafe-plan-q3-chart-cost.png');
  // Leaving the field keeps the name too, and Save as follows it.
  await page.getByTestId('scenario-rename').click();
  await input.fill('Plan B');
  await page.getByTestId('users-input').focus();
  await waitText(page, 'scenario-name', 'Plan B');
  assert.equal(await page.getByTestId('save-name').inputValue(), 'Plan B');
  assert.equal(await download('export-json'), 'plan-b.json');
  // Saved as it is prefilled, the copy goes by that name.
  await page.getByTestId('save-button').click();
  await waitText(page, 'saved-name-0', 'Plan B');
  // Once the founder types a name to save under, a rename leaves it alone.
  await page.getByTestId('save-name').fill('Mine');
  await page.getByTestId('scenario-rename').click();
  await input.fill('Plan C');
  await input.press('Enter');
  await waitText(page, 'scenario-name', 'Plan C');
  assert.equal(await page.getByTestId('save-name').inputValue(), 'Mine');
  // A very long name is cut to 120 characters.
  await page.getByTestId('scenario-rename').click();
  await input.fill(`Plan C ${'x'.repeat(200)}`);
  await input.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=scenario-name]')?.textContent.length === 120);
  assert.equal(await text(page, 'scenario-name'), `Plan C ${'x'.repeat(113)}`);
  assert.equal(await download('export-json'), `plan-c-${'x'.repeat(53)}.json`);
  // The name survives a reload.
  await page.getByTestId('scenario-rename').click();
  await input.fill('Plan C');
  await input.press('Enter');
  await waitText(page, 'scenario-name', 'Plan C');
  await settled(page);
  await page.reload();
  await page.getByTestId('scenario-name').waitFor();
  assert.equal(await text(page, 'scenario-name'), 'Plan C');
  assert.equal(await picked(), 'Your own (edited)');
  assert.equal(await page.title(), 'Plan C · Headroom');
  await page.getByTestId('save-name').waitFor();
  assert.equal(await page.getByTestId('save-name').inputValue(), 'Plan C');
  assert.deepEqual(problems, []);
  await context.close();
});

test('renaming a component: refused when blank, shown on its card and kept on reload', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'starter-saas');
  const name = page.getByTestId('component-host-name');
  const heading = () => page.locator('#component-host-heading').textContent();
  assert.equal(await name.inputValue(), 'Web app');
  await name.fill('API server');
  await page.waitForFunction(() => document.getElementById('component-host-heading')?.textContent === 'API server');
  await name.fill('  ');
  assert.equal(await text(page, 'component-host-name-error'), 'Give the component a name, such as “API server”.');
  assert.equal(await heading(), 'API server');
  // Leaving the field keeps the reason in view; the card keeps the last good name.
  await page.getByTestId('users-input').focus();
  assert.equal(await text(page, 'component-host-name-error'), 'Give the component a name, such as “API server”.');
  assert.equal(await heading(), 'API server');
  assert.equal(await page.getByTestId('component-host-remove').getAttribute('aria-label'), 'Remove API server');
  await settled(page);
  await page.reload();
  await page.getByTestId('component-host-name').waitFor();
  assert.equal(await page.getByTestId('component-host-name').inputValue(), 'API server');
  assert.equal(await heading(), 'API server');
  assert.deepEqual(problems, []);
  await context.close();
});
