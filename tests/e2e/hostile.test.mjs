// The hostile-input suite: over two hundred bad inputs through every entry point (typed
// fields, links, imported files, stored data), lists over their caps and user counts past
// ten billion among them. Each must show a message that says what is wrong, leave the last
// good answers on screen, and raise no console error. It prints its count.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { ROOT, importRefused, open, text, useApp } from './harness.mjs';

const app = useApp();
let tried = 0;
const BLANK = JSON.parse(await readFile(join(ROOT, 'assets', 'presets', 'blank.json'), 'utf8'));
after(() => console.log(`hostile inputs tried: ${tried}`));

const ANSWERS = ['kpi-monthly-cost', 'kpi-revenue', 'kpi-profit', 'kpi-roi', 'kpi-bottleneck', 'answers-users'];
async function answers(page) {
  const out = {};
  for (const id of ANSWERS) out[id] = await text(page, id);
  return out;
}

const BAD_NUMBERS = ['-1', 'abc', '', 'NaN', 'Infinity', '1e308', '1e999', '9–2', '1,2.3.4', '<img src=x onerror=alert(1)>', '😀', '0x10', '5 to', '9'.repeat(400)];

const FIELDS = [
  'users-input',
  'growth-pct',
  'horizon-months',
  'active-share',
  'concurrent-share',
  'revenue-conversion',
  'revenue-price',
  'component-host-threshold',
  'component-host-max-units',
  'component-host-price',
  'component-host-demand-1',
];

test('typed fields: every bad entry is explained and changes nothing', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  const good = await answers(page);
  for (const field of FIELDS) {
    for (const bad of BAD_NUMBERS) {
      // A value that is fine in one field may be absurd in another; skip the ones a field accepts.
      await page.getByTestId(field).fill(bad);
      const error = await text(page, `${field}-error`);
      const accepted = error === '';
      if (!accepted) {
        tried += 1;
        assert.ok(error.length > 10, `${field} ← ${JSON.stringify(bad)} explains itself`);
        assert.deepEqual(await answers(page), good, `${field} ← ${JSON.stringify(bad)} keeps the answers`);
      } else {
        // A value this field accepts (a growth of −1% is fine): put the scenario back.
        await page.getByTestId('preset-picker').selectOption('starter-saas');
        await page.getByTestId('users-input').fill('1000');
      }
    }
    await page.getByTestId(field).blur();
  }
  // A name with markup renders as text.
  await page.getByTestId('save-name').fill('<img src=x onerror="document.title=1">');
  await page.getByTestId('save-button').click();
  assert.equal(await text(page, 'saved-name-0'), '<img src=x onerror="document.title=1">');
  assert.notEqual(await page.title(), '1');
  tried += 1;
  // An empty and a 1 MB name.
  await page.getByTestId('save-name').fill('   ');
  await page.getByTestId('save-button').click();
  assert.match(await text(page, 'saved-error'), /Give the scenario a name/);
  tried += 1;
  await page.getByTestId('save-name').evaluate((el) => el.removeAttribute('maxlength'));
  await page.getByTestId('save-name').fill('x'.repeat(1_000_000));
  await page.getByTestId('save-button').click();
  assert.match(await text(page, 'saved-error'), /at most 120 characters/);
  tried += 1;
  assert.deepEqual(problems, []);
  await context.close();
});

function b64url(s) {
  return Buffer.from(s, 'utf8').toString('base64url');
}

// A version 2 link's body: raw deflate of the bytes, in base64url.
function packed(bytes) {
  return deflateRawSync(bytes, { level: 9 }).toString('base64url');
}

test('links: damaged, foreign or absurd links are explained and the last scenario kept', async () => {
  const alerts = structuredClone(BLANK);
  alerts.components[0].alert_at_pct = Array.from({ length: 17 }, () => 90);
  const bad = [
    ['#s=1.' + b64url(JSON.stringify(alerts)), /components\[0\]\.alert_at_pct: at most 16 alert levels on a component; this one has 17/],
    ['#s=1.', /was cut short: .*Copy the link whole/],
    ['#s=1.e30=', /JSON but not a Headroom scenario: it has no “users” or “components”/],
    ['#s=3.abc', /newer Headroom \(link version 3\); this one reads versions 1 and 2/],
    // Bytes that are not deflate: a last block of the reserved type 11.
    ['#s=2.' + Buffer.from([0x07, 0, 0]).toString('base64url'), /changed on the way: the compressed scenario in it does not unpack/],
    // 5 MB of spaces pack into a link of about 7 KB; unpacking stops at 1 MB.
    ['#s=2.' + packed(Buffer.alloc(5 * 1024 * 1024, 0x20)), /unpacks to more than 1024 KB, more than any Headroom scenario holds, so it was not opened/],
    // Whole deflate of a scenario cut short in the middle of its JSON.
    ['#s=2.' + packed(Buffer.from('{"schema_version":1,"name":"x","users":{"now":')), /was cut short: .*Copy the link whole/],
    ['#s=2.' + packed(Buffer.from('{"schema_version":1,"name":"x","users":{"now":1e308,"growth":{"kind":"monthly_pct","pct_per_month":1},"horizon_months":1,"active_share_pct":1,"concurrent_share_pct":1},"components":[],"revenue":{"conversion_pct":1,"price_usd_per_month":1}}')), /users\.now/],
    ['#s=0.abc', /version “0”, which no Headroom writes/],
    ['#s=x.abc', /version “x”, which no Headroom writes/],
    ['#s=1.!!!!', /changed on the way: it holds “!”/],
    ['#s=1.%zz', /changed on the way: a “%” in it is not followed by two hex digits/],
    ['#p=nope', /“nope” that this version of Headroom does not have\. These exist: starter-saas, /],
    ['#p=blank&u=-5', /user count/],
    ['#p=blank&u=1e400', /user count/],
    ['#p=blank&u=abc', /user count/],
    ['#p=%3Cscript%3E', /“<script>” that this version of Headroom does not have/],
    ['#s=1.' + b64url('{"schema_version":1}'), /it has no “users” or “components”/],
    ['#s=1.' + b64url('[]'), /it holds a list, not a scenario's fields/],
    ['#s=1.' + b64url('null'), /it holds null, not a scenario's fields/],
    ['#s=1.' + b64url('{"schema_version":7,"name":"x","users":{"now":1,"growth":{"kind":"monthly_pct","pct_per_month":1},"horizon_months":1,"active_share_pct":1,"concurrent_share_pct":1},"components":[],"revenue":{"conversion_pct":1,"price_usd_per_month":1}}'), /version 7/],
    ['#s=1.' + b64url('{"schema_version":1,"name":"x","users":{"now":-4,"growth":{"kind":"monthly_pct","pct_per_month":1},"horizon_months":1,"active_share_pct":1,"concurrent_share_pct":1},"components":[],"revenue":{"conversion_pct":1,"price_usd_per_month":1}}'), /users\.now/],
    ['#s=1.' + b64url('{"schema_version":1,"name":"x","extra":1,"users":{"now":4,"growth":{"kind":"monthly_pct","pct_per_month":1},"horizon_months":1,"active_share_pct":1,"concurrent_share_pct":1},"components":[],"revenue":{"conversion_pct":1,"price_usd_per_month":1}}'), /the field “extra” is not one Headroom knows/],
    ['#s=1.' + b64url('{"schema_version":1,"name":"","users":{"now":4,"growth":{"kind":"monthly_pct","pct_per_month":1},"horizon_months":1,"active_share_pct":1,"concurrent_share_pct":1},"components":[],"revenue":{"conversion_pct":1,"price_usd_per_month":1}}'), /name/],
    ['#s=1.' + b64url('{"schema_version":1,"name":"x","users":{"now":4,"growth":{"kind":"monthly_pct","pct_per_month":1},"horizon_months":1,"active_share_pct":[90,10],"concurrent_share_pct":1},"components":[],"revenue":{"conversion_pct":1,"price_usd_per_month":1}}'), /low end is above the high end/],
    ['#s=1.' + b64url('{"schema_version":1,"name":"x","users":{"now":4,"growth":{"kind":"monthly_pct","pct_per_month":1},"horizon_months":1,"active_share_pct":1,"concurrent_share_pct":1},"components":[{"id":"a","name":"A","role":"host","policy":{"kind":"fixed","offer":"nope/nada"}}],"revenue":{"conversion_pct":1,"price_usd_per_month":1}}'), /no plan `nope\/nada`/],
    ['#s=1.' + b64url('{"schema_version":1,"name":"x","users":{"now":1e308,"growth":{"kind":"monthly_pct","pct_per_month":1},"horizon_months":1,"active_share_pct":1,"concurrent_share_pct":1},"components":[],"revenue":{"conversion_pct":1,"price_usd_per_month":1}}'), /users\.now/],
  ];
  const { context, page, problems } = await open(app.browser, app.url);
  await page.getByTestId('preset-picker').selectOption('video-chat-5k');
  await page.waitForFunction(() => location.hash.includes('video-chat-5k')); // saved, and in the address
  const good = await answers(page);
  for (const [fragment, why] of bad) {
    // A fresh document each time: a hash change alone would race the page's own link update.
    await page.goto('about:blank');
    await page.goto(`${app.url}${fragment}`);
    await page.getByTestId('kpi-monthly-cost').waitFor();
    const notices = await text(page, 'notices');
    assert.match(notices, why, `${fragment.slice(0, 60)} → ${notices}`);
    assert.deepEqual(await answers(page), good, `${fragment.slice(0, 60)} keeps the last scenario`);
    tried += 1;
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('imported files: wrong, broken or hostile files are refused with a reason', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'headroom-hostile-'));
  const files = [
    ['empty.json', ''],
    ['text.json', 'hello'],
    ['array.json', '[1,2,3]'],
    ['truncated.json', '{"schema_version":1,"name":"x","users":{"now":'],
    ['other.json', '{"hello":"world"}'],
    ['newer.json', '{"schema_version":3,"name":"x"}'],
    ['nan.json', '{"schema_version":1,"name":"x","users":{"now":NaN}}'],
    ['huge.json', '{"a":"' + 'x'.repeat(1_100_000) + '"}'],
    ['binary.json', '\u0000\u0001\u0002\u0003'],
    ['storage-newer.json', '{"schema_version":9,"data":{}}'],
    ['envelope-users.json', JSON.stringify({ schema_version: 1, data: { scenario: BLANK, users: 1e308 } })],
    ['envelope-scenario.json', JSON.stringify({ schema_version: 1, data: { scenario: { ...BLANK, users: { ...BLANK.users, now: 1e308 } }, users: 5 } })],
    ['many-plans.json', JSON.stringify({ ...BLANK, one_time_costs: Array.from({ length: 33 }, () => ({ name: 'Set-up', usd: 100 })) })],
  ];
  const said = {};
  const { context, page, problems } = await open(app.browser, app.url);
  const good = await answers(page);
  for (const [name, body] of files) {
    said[name] = await importRefused(page, dir, name, body);
    assert.ok(said[name].length > name.length + 10);
    assert.deepEqual(await answers(page), good, `${name} keeps the answers`);
    tried += 1;
  }
  assert.equal(said['envelope-users.json'], '“envelope-users.json” was not imported: the user count in it, 1e308, is not between 0 and 10,000,000,000 users; export the scenario again from the Headroom it came from');
  assert.equal(said['envelope-scenario.json'], '“envelope-scenario.json” was not imported: users.now: must be between 0 and 1e10 (got 1e308)');
  assert.equal(said['many-plans.json'], '“many-plans.json” was not imported: one_time_costs: at most 32 one-time costs in a scenario; this one has 33');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a file of 10,000 usage lines on one component is refused within a second', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'headroom-hostile-'));
  const scenario = structuredClone(BLANK);
  scenario.schema_version = 1;
  // Each a resource of its own: checked one by one, ordering them would take their number cubed.
  scenario.components[0].demand = Array.from({ length: 10_000 }, (_, i) => ({ resource: `r${i}`, per: 'user', amount: 1 }));
  const body = JSON.stringify(scenario);
  assert.ok(body.length < 1_048_576, `${body.length} bytes`);
  const path = join(dir, 'many-drivers.json');
  await writeFile(path, body);
  const { context, page, problems } = await open(app.browser, app.url);
  const good = await answers(page);
  // The page's own clock, from the moment it is handed the file to the message.
  await page.evaluate(() => {
    const input = document.querySelector('[data-testid=import-json]');
    input.addEventListener('change', () => { window.importStarted = performance.now(); }, { capture: true, once: true });
    const error = document.querySelector('[data-testid=import-error]');
    new MutationObserver((_, observer) => {
      if (error.textContent.includes('many-drivers.json')) {
        window.importRefused = performance.now();
        observer.disconnect();
      }
    }).observe(error, { childList: true, subtree: true, characterData: true });
  });
  const start = Date.now();
  await page.getByTestId('import-json').setInputFiles(path);
  await page.waitForFunction(() => window.importRefused !== undefined, null, { timeout: 10_000 });
  const wall = Date.now() - start;
  const inPage = await page.evaluate(() => window.importRefused - window.importStarted);
  console.log(`10,000 usage lines (${Math.round(body.length / 1024)} KB) refused ${inPage.toFixed(0)} ms after the page was handed the file, ${wall} ms from the test's setInputFiles`);
  assert.equal(await text(page, 'import-error'), '“many-drivers.json” was not imported: components[0].demand: at most 32 usage lines on a component; this one has 10,000');
  assert.ok(inPage < 1000, `refused after ${inPage} ms`);
  assert.deepEqual(await answers(page), good);
  assert.deepEqual(problems, []);
  tried += 1;
  await context.close();
});

test('a comma where a decimal point may be meant is refused, never misread', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  const good = await answers(page);
  const cases = [
    ['users-input', '12,5', '“12,5” has a comma where a decimal point may be meant: write 12.5 (or 12,500 if you mean thousands).'],
    ['active-share', '1,5–2,5', '“1,5–2,5” has a comma where a decimal point may be meant: write 1.5–2.5 (or 1,500–2,500 if you mean thousands).'],
    ['revenue-price', '0,25', '“0,25” has a comma where a decimal point may be meant: write 0.25.'],
  ];
  for (const [field, typed, message] of cases) {
    await page.getByTestId(field).fill(typed);
    assert.equal(await text(page, `${field}-error`), message, `${field} ← ${typed}`);
    assert.deepEqual(await answers(page), good, `${field} ← ${typed} keeps the last good answers`);
    tried += 1;
  }
  // Thousands in groups of three read as thousands.
  await page.getByTestId('users-input').fill('12,500');
  await page.waitForFunction(() => document.querySelector('[data-testid=answers-users]')?.textContent === '12,500');
  assert.equal(await text(page, 'users-input-error'), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('stored data: every kind of corruption is kept aside and reported', async () => {
  const corruptions = [
    ['headroom/working', '{'],
    ['headroom/working', 'null'],
    ['headroom/working', '{"schema_version":99,"data":{}}'],
    ['headroom/working', '{"schema_version":1,"data":{"scenario":{},"users":5}}'],
    ['headroom/working', '{"schema_version":1,"data":{"scenario":null,"users":"x"}}'],
    ['headroom/saved', '['],
    ['headroom/saved', '{"schema_version":1,"data":{}}'],
    ['headroom/saved', '{"schema_version":1,"data":[{"name":"","scenario":{},"users":1}]}'],
    ['headroom/working', JSON.stringify({ schema_version: 1, data: { scenario: BLANK, users: 1e308 } }), /could not be read: the saved user count, 1e308, is not between 0 and 10,000,000,000 users/],
    ['headroom/saved', JSON.stringify({ schema_version: 1, data: [{ name: 'Huge', scenario: BLANK, users: 1e308 }] }), /A saved scenario could not be read: it is damaged, or not one this version of Headroom can open\. Nothing is lost/],
  ];
  for (const [key, value, why = /could not be read/] of corruptions) {
    const { context, page, problems } = await open(app.browser, app.url);
    await page.waitForFunction(() => location.hash.length > 1); // the page's own autosave has run
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, value]);
    await page.goto(app.url); // the address without a scenario: the page reads storage
    await page.getByTestId('kpi-monthly-cost').waitFor();
    assert.match(await text(page, 'notices'), why, `${key} = ${value}`);
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('headroom/unreadable/')).map((k) => localStorage.getItem(k)));
    assert.ok(kept.some((v) => v === value || value.includes(v) || v.includes('"name":""')), `${value} kept aside: ${kept}`);
    assert.equal(await text(page, 'scenario-name'), 'Starter SaaS on DigitalOcean');
    assert.deepEqual(problems, []);
    tried += 1;
    await context.close();
  }
});

test('storage that refuses to save is reported, and the work stays on screen', async () => {
  const context = await app.browser.newContext();
  await context.addInitScript(() => {
    const refuse = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    Storage.prototype.setItem = refuse;
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(app.url);
  await page.getByTestId('kpi-monthly-cost').waitFor();
  await page.getByTestId('users-input').fill('10000');
  await page.waitForFunction(() => document.querySelector('[data-testid=notices]')?.textContent.includes('could not be saved'));
  assert.match(await text(page, 'notices'), /storage for this page is full.*export it as a file or copy the link/);
  assert.equal(await text(page, 'kpi-monthly-cost'), '$73');
  await page.getByTestId('save-name').fill('Plan C');
  await page.getByTestId('save-button').click();
  assert.match(await text(page, 'saved-error'), /Could not save: the browser's storage for this page is full/);
  assert.deepEqual(problems, []);
  tried += 2;
  await context.close();
});

test('a scenario stored by an older schema (a bare scenario) is migrated and opened', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await page.waitForFunction(() => location.hash.length > 1); // the page's own autosave has run
  await page.evaluate(() => {
    const s = {
      schema_version: 1,
      name: 'Stored before the envelope',
      users: { now: 250, growth: { kind: 'monthly_pct', pct_per_month: 5 }, horizon_months: 6, active_share_pct: 50, concurrent_share_pct: 10 },
      components: [{ id: 'app', name: 'App', role: 'host', demand: [{ resource: 'ram_mb', per: 'fixed', amount: 300 }], policy: { kind: 'fixed', offer: 'digitalocean-droplet/s-1vcpu-1gb' } }],
      revenue: { conversion_pct: 2, price_usd_per_month: 9 },
    };
    localStorage.setItem('headroom/working', JSON.stringify(s));
  });
  await page.goto(app.url);
  await page.getByTestId('kpi-monthly-cost').waitFor();
  assert.equal(await text(page, 'scenario-name'), 'Stored before the envelope');
  assert.equal(await text(page, 'answers-users'), '250');
  assert.equal(await text(page, 'kpi-monthly-cost'), '$6');
  assert.deepEqual(problems, []);
  tried += 1;
  await context.close();
});
