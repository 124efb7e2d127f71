// Keeping, sharing, exporting and embedding scenarios, in a real browser against the
// release build: autosave and named scenarios survive a reload, a link opens the same
// numbers in a fresh browser, files go out and come back, the docs page embeds the
// calculator, and the build works from a sub-path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, cp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { serve, open, setUsers, pick, settled, text, DIST, ROOT, useApp } from './harness.mjs';

const app = useApp();

const ANSWERS = [
  'kpi-monthly-cost', 'kpi-cost-per-user', 'kpi-revenue', 'kpi-profit', 'kpi-margin', 'kpi-roi',
  'kpi-break-even-users', 'kpi-break-even-month', 'kpi-payback-months', 'kpi-bottleneck',
];

async function answers(page) {
  const out = {};
  for (const id of ANSWERS) out[id] = await text(page, id);
  out.users = await text(page, 'answers-users');
  out.name = await text(page, 'scenario-name');
  return out;
}

test('the working scenario survives a reload', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'video-chat-5k');
  await setUsers(page, 4200);
  await page.getByTestId('revenue-price').fill('12–18');
  await settled(page);
  const before = await answers(page);
  await page.goto(app.url); // no fragment: the browser's storage alone
  await page.getByTestId('kpi-monthly-cost').waitFor();
  assert.deepEqual(await answers(page), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('named scenarios: save, reload, rename, duplicate, delete and undo', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'chatbot-digitalocean');
  await setUsers(page, 3000);
  await page.getByTestId('save-name').fill('Plan <b>A</b>');
  await page.getByTestId('save-button').click();
  await pick(page, 'salesboy-ai');
  await page.getByTestId('save-name').fill('Plan B');
  await page.getByTestId('save-name').press('Enter');
  await page.reload();
  await page.getByTestId('saved-list').waitFor();
  assert.equal(await text(page, 'saved-name-0'), 'Plan <b>A</b>', 'a name with markup shows as text');
  assert.equal(await text(page, 'saved-name-1'), 'Plan B');
  await page.getByTestId('saved-open-0').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=answers-users]')?.textContent === '3,000');
  assert.equal(await text(page, 'kpi-monthly-cost'), '$48');
  await page.getByTestId('saved-rename-0').click();
  await page.getByTestId('saved-rename-input-0').fill('Droplet plan');
  await page.getByTestId('saved-rename-ok-0').click();
  await page.getByTestId('saved-duplicate-0').click();
  assert.equal(await text(page, 'saved-name-1'), 'Droplet plan (2)');
  await page.getByTestId('saved-delete-0').click();
  assert.match(await text(page, 'undo-bar'), /Deleted “Droplet plan”/);
  assert.equal(await text(page, 'saved-name-0'), 'Droplet plan (2)');
  await page.getByTestId('undo-delete').click();
  assert.equal(await text(page, 'saved-name-0'), 'Droplet plan');
  await page.reload();
  await page.getByTestId('saved-list').waitFor();
  const names = await page.locator('[data-testid^=saved-name-]').allTextContents();
  assert.deepEqual(names, ['Droplet plan', 'Droplet plan (2)', 'Plan B']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the share link holds still while the users move and follows once they settle', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'chatbot-digitalocean');
  await settled(page);
  const link = await page.getByTestId('share-link').inputValue();
  const during = await page.evaluate(async () => {
    const slider = document.querySelector('[data-testid=users-slider]');
    slider.value = String(Number(slider.value) + 40);
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const field = document.querySelector('[data-testid=share-link]');
    return { link: field.value, busy: field.getAttribute('aria-busy') };
  });
  assert.deepEqual(during, { link, busy: 'true' }, 'mid-drag the link is unchanged and marked busy');
  await settled(page);
  const after = await page.getByTestId('share-link').inputValue();
  assert.notEqual(after, link);
  assert.ok(after.endsWith(`u=${(await text(page, 'answers-users')).replace(/,/g, '')}`), after);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a shared link opens with identical answers in a fresh browser', async () => {
  const first = await open(app.browser, app.url);
  await pick(first.page, 'salesboy-ai');
  await setUsers(first.page, 75);
  await first.page.getByTestId('revenue-conversion').fill('40–60');
  await settled(first.page);
  const link = await first.page.getByTestId('share-link').inputValue();
  // The scenario travels compressed: raw deflate of its JSON, in base64url.
  assert.match(link, /#s=2\.[A-Za-z0-9_-]+$/);
  const json = JSON.parse(inflateRawSync(Buffer.from(link.split('#s=2.')[1], 'base64url')).toString('utf8'));
  assert.equal(json.users.now, 75);
  assert.ok(link.split('#')[1].length < Buffer.from(JSON.stringify(json)).toString('base64url').length / 2, 'the link is under half its uncompressed length');
  const before = await answers(first.page);
  await first.context.close();
  const second = await open(app.browser, link);
  assert.deepEqual(await answers(second.page), before);
  assert.deepEqual(second.problems, []);
  await second.context.close();
  // An unchanged preset travels as a short link.
  const third = await open(app.browser, `${app.url}#p=chatbot-digitalocean&u=5000`);
  assert.equal(await text(third.page, 'kpi-cost-per-user'), '$0.0096');
  await third.context.close();
});

test('a damaged link is explained and the last scenario is kept', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'titletesterpro');
  await settled(page);
  const link = await page.getByTestId('share-link').inputValue();
  const before = await answers(page);
  await page.goto('about:blank');
  await page.goto(`${app.url}#s=1.eyJzY2hlbWFfdmVyc2lvbiI6MSwibmFtZSI6`);
  await page.getByTestId('kpi-monthly-cost').waitFor();
  assert.match(await text(page, 'notices'), /This link was cut short: .*Copy the link whole, to its last character/);
  assert.deepEqual(await answers(page), before);
  assert.ok(link.includes('p=titletesterpro'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('JSON export and import give identical answers; the CSVs parse with their columns', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'ai-ceo-replit');
  await setUsers(page, 4100);
  await page.getByTestId('component-app-max-units').fill('25');
  const before = await answers(page);
  const dir = await mkdtemp(join(tmpdir(), 'headroom-'));
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const jsonPath = join(dir, json.suggestedFilename());
  await json.saveAs(jsonPath);
  const exported = JSON.parse(await readFile(jsonPath, 'utf8'));
  // Exports are written in the current scenario schema.
  assert.equal(exported.schema_version, 2);
  assert.equal(exported.users.now, 4100);
  const [timeline] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-timeline-csv').click()]);
  const rows = (await readFile(await timeline.path(), 'utf8')).trim().split('\r\n');
  assert.equal(rows[0], 'month,users,cost_low_usd,cost_high_usd,revenue_low_usd,revenue_high_usd,profit_low_usd,profit_high_usd,configuration');
  assert.equal(rows.length, 1 + 13);
  assert.match(rows[1], /^0,4100,/);
  const [sweep] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-sweep-csv').click()]);
  const sweepRows = (await readFile(await sweep.path(), 'utf8')).trim().split('\r\n');
  assert.equal(sweepRows[0], 'users,cost_low_usd,cost_high_usd,revenue_low_usd,revenue_high_usd');
  assert.equal(sweepRows.length, 1 + 512);
  for (const r of sweepRows.slice(1)) assert.equal(r.split(',').length, 5);
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('png-chart-cost').click()]);
  const head = (await readFile(await png.path())).subarray(0, 8);
  assert.deepEqual([...head], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // Somewhere else entirely, then the file back in.
  await pick(page, 'blank');
  await page.getByTestId('import-json').setInputFiles(jsonPath);
  await page.waitForFunction(() => document.querySelector('[data-testid=answers-users]')?.textContent === '4,100');
  assert.deepEqual(await answers(page), before);
  // A file that is not a scenario is refused with a reason.
  const bad = join(dir, 'notes.json');
  await writeFile(bad, '{"hello": "world"}');
  await page.getByTestId('import-json').setInputFiles(bad);
  await page.waitForFunction(() => document.querySelector('[data-testid=import-error]')?.textContent.includes('was not imported'));
  assert.deepEqual(await answers(page), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('corrupted storage is kept aside and reported; the app starts on the default', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await settled(page); // the page's own autosave has run: nothing will overwrite what follows
  await page.evaluate(() => {
    localStorage.setItem('headroom/working', '{"schema_version":1,"data":{"scenario":');
    localStorage.setItem('headroom/saved', 'not json at all');
  });
  await page.goto(app.url); // the address without a scenario: the page reads storage
  await page.getByTestId('kpi-monthly-cost').waitFor();
  const notices = await text(page, 'notices');
  assert.match(notices, /could not be read/);
  assert.match(notices, /The scenario you were working on could not be read: it is damaged.*Nothing is lost: it is kept under Recovered data/);
  assert.match(await text(page, 'recovered-list'), /The scenario you were working on, set aside/);
  assert.equal(await text(page, 'scenario-name'), 'Starter SaaS on DigitalOcean');
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('headroom/unreadable/')).map((k) => localStorage.getItem(k)));
  assert.ok(kept.includes('{"schema_version":1,"data":{"scenario":'));
  assert.ok(kept.includes('not json at all'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('compare a preset with its alternative: 004 multi-VPS against the Business API', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'salesboy-ai');
  await setUsers(page, 100);
  await page.getByTestId('variant-picker').selectOption('variant:multi-vps');
  assert.match(await text(page, 'compare-theirs'), /^\$155 \/ month/);
  await page.getByTestId('variant-picker').selectOption('variant:business-api');
  assert.match(await text(page, 'compare-theirs'), /^\$140–\$165 \/ month/);
  assert.match(await text(page, 'compare-difference'), /a year/);
  // Moving the users with the comparison open moves every column, this scenario's with the
  // answers above.
  const before = { theirs: await text(page, 'compare-theirs'), lines: await text(page, 'compare-lines') };
  await setUsers(page, 10);
  await page.waitForFunction((was) => document.querySelector('[data-testid=compare-theirs]')?.textContent !== was, before.theirs);
  assert.equal(await text(page, 'compare-ours'), `${await text(page, 'kpi-monthly-cost')} / month`);
  assert.notEqual(await text(page, 'compare-lines'), before.lines);
  assert.match(await text(page, 'compare-difference'), /a year/);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Serves dist/ under /tools/headroom/ and docs/ under /docs/ on one loopback origin. */
async function site() {
  const dir = await mkdtemp(join(tmpdir(), 'headroom-site-'));
  await mkdir(join(dir, 'tools'), { recursive: true });
  await cp(DIST, join(dir, 'tools', 'headroom'), { recursive: true });
  await cp(join(ROOT, 'docs'), join(dir, 'docs'), { recursive: true });
  return serve({ dir, prefix: '/' });
}

test('the build works from a sub-path and makes no request to another origin', async (t) => {
  const s = await site();
  t.after(() => s.close());
  const { context, page, problems } = await open(app.browser, `${s.url}tools/headroom/#p=chatbot-digitalocean&u=3000`);
  assert.equal(await text(page, 'kpi-cost-per-user'), '$0.016');
  await page.getByTestId('chart-cost').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the docs page embeds the calculator and its iframe grows to fit', async (t) => {
  const s = await site();
  t.after(() => s.close());
  const { context, page, problems } = await open(app.browser, `${s.url}docs/embed-example.html`, { waitFor: null });
  const frame = page.frameLocator('iframe#headroom');
  await frame.getByTestId('kpi-monthly-cost').waitFor();
  assert.equal(await frame.getByTestId('kpi-cost-per-user').textContent(), '$0.0096');
  assert.equal(await frame.getByTestId('users-slider').count(), 0, 'the embed shows only answers and charts');
  await page.waitForFunction(() => document.getElementById('headroom').getBoundingClientRect().height > 600);
  const inner = await frame.locator('html').evaluate((el) => el.scrollHeight);
  const outer = await page.evaluate(() => document.getElementById('headroom').getBoundingClientRect().height);
  assert.ok(Math.abs(inner - outer) <= 2, `iframe ${outer}px fits its content ${inner}px`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('three scenarios side by side: a preset, its alternative and a saved scenario', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'chatbot-digitalocean');
  await setUsers(page, 5000);
  await page.getByTestId('cash-in-bank').fill('20000');
  await page.getByTestId('save-name').fill('Chatbot at 5K');
  await page.getByTestId('save-button').click();
  await page.getByTestId('revenue-price').fill('20');
  await page.getByTestId('variant-picker').selectOption('preset:chatbot-digitalocean');
  await page.getByTestId('variant-picker-2').selectOption('saved:0');
  const table = await text(page, 'compare-table');
  assert.match(table, /This scenario/);
  assert.match(table, /ChatBot SaaS on DigitalOcean/);
  assert.match(table, /Chatbot at 5K/);
  // Revenue differs (5% × $20 against $10) while the cost is the same $48.
  assert.match(table, /Revenue\$5,000\$2,500\$2,500/);
  assert.match(await text(page, 'compare-diff-1'), /\$0 (more|less) \/ month/);
  // The runway of each: this one and the saved copy have $20,000 and profit every month; the
  // preset has no cash. A compared runway follows the users once they settle.
  await page.waitForFunction(() => /Cash runs outlasts past month \d+enter the cash in the bank to see the runwaylasts past month \d+/.test(document.querySelector('[data-testid=compare-table]')?.textContent ?? ''));
  // Charts are drawn when they come into view.
  await page.getByTestId('chart-compare').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('[data-testid=chart-compare]')?.dataset.plotLeft);
  assert.deepEqual(problems, []);
  await context.close();
});
