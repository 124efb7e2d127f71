// Nothing a founder saved is lost, in a real browser against the release build: two tabs
// saving at once, an edit seen in the other tab, work replaced by a link and restored, a
// name saved over and put back, unreadable data set aside when the storage is full, two
// unreadable entries at once, and data written by a newer Headroom.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, setUsers, pick, settled, text, waitText, useApp } from './harness.mjs';

const app = useApp();

/** A second tab in the same browser profile, so sharing its storage. */
async function secondTab(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(m.text()));
  await page.goto(url);
  await page.getByTestId('kpi-monthly-cost').waitFor();
  return { page, problems };
}

async function saveAs(page, name) {
  await page.getByTestId('save-name').fill(name);
  await page.getByTestId('save-button').click();
  await waitText(page, 'save-status', `Saved “${name}” in this browser.`);
}

const savedNames = (page) => page.locator('[data-testid^=saved-name-]').allTextContents();

const asideKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('headroom/unreadable/')).sort());

test('two tabs each save named scenarios, and every one is kept', async () => {
  const { context, page: one, problems } = await open(app.browser, app.url);
  const two = await secondTab(context, app.url);
  await saveAs(one, 'From tab one');
  // The other tab's list follows without a reload.
  await two.page.waitForFunction(() => [...document.querySelectorAll('[data-testid^=saved-name-]')].some((e) => e.textContent === 'From tab one'));
  await saveAs(two.page, 'From tab two');
  await saveAs(one, 'Tab one again');
  await one.reload();
  await one.getByTestId('saved-list').waitFor();
  assert.deepEqual(await savedNames(one), ['From tab one', 'From tab two', 'Tab one again']);
  assert.deepEqual(await savedNames(two.page), ['From tab one', 'From tab two', 'Tab one again']);
  assert.deepEqual([...problems, ...two.problems], []);
  await context.close();
});

test('an edit in one tab is seen in the other; when both changed, both versions are offered and kept', async () => {
  const { context, page: one, problems } = await open(app.browser, app.url);
  await pick(one, 'chatbot-digitalocean');
  await settled(one);
  const two = await secondTab(context, app.url);
  assert.equal(await text(two.page, 'scenario-name'), await text(one, 'scenario-name'));
  // Tab two has nothing of its own unsaved: it follows tab one.
  await setUsers(one, 4200);
  await waitText(two.page, 'answers-users', '4,200');
  assert.equal(await text(two.page, 'kpi-monthly-cost'), await text(one, 'kpi-monthly-cost'));
  assert.equal(await two.page.getByTestId('other-tab').count(), 0);
  // Tab two changes the users, and before it saves (250 ms later) tab one's change lands:
  // both changed, so tab two asks, and does not write over tab one's.
  // (The other tab's write is made straight to the storage, so that it lands inside those
  // 250 ms whatever the machine's speed.)
  await two.page.getByTestId('users-input').fill('900');
  await one.evaluate(() => {
    const w = JSON.parse(localStorage.getItem('headroom/working'));
    w.data.users = 4300;
    localStorage.setItem('headroom/working', JSON.stringify(w));
  });
  await two.page.getByTestId('other-tab').waitFor();
  assert.match(await text(two.page, 'other-tab'), /Another tab changed the scenario you are working on while this tab had changes of its own: it is now “ChatBot SaaS on DigitalOcean” at 4,300 users/);
  await two.page.waitForTimeout(600);
  assert.equal(await two.page.evaluate(() => JSON.parse(localStorage.getItem('headroom/working')).data.users), 4300);
  // Keeping this tab's writes it, and keeps the other tab's version.
  await two.page.getByTestId('other-tab-keep').click();
  await two.page.waitForFunction(() => JSON.parse(localStorage.getItem('headroom/working')).data.users === 900);
  await two.page.getByTestId('recovered').waitFor();
  assert.match(await text(two.page, 'recovered-list'), /at 4,300 users, before you kept this tab's version over another tab's/);
  // Tab one had nothing unsaved, so it follows.
  await waitText(one, 'answers-users', '900');
  assert.deepEqual([...problems, ...two.problems], []);
  await context.close();
});

test('a built-in scenario at other users, replaced, is kept; with no room to keep it, the page says so and offers it as a file', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'titletesterpro');
  await setUsers(page, 2345);
  await settled(page);
  await pick(page, 'starter-saas');
  assert.match(await text(page, 'replaced-bar'), /Before you picked the built-in scenario “Starter SaaS on DigitalOcean”, you were working on “.*” at 2,345 users\. It is kept under Recovered data\./);
  await page.getByTestId('restore-replaced').click();
  await waitText(page, 'answers-users', '2,345');
  await context.addInitScript(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (k === 'headroom/replaced') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return set.call(this, k, v);
    };
  });
  await settled(page);
  await page.reload();
  await waitText(page, 'answers-users', '2,345');
  await pick(page, 'blank');
  assert.match(await text(page, 'replaced-bar'), /at 2,345 users\. The browser's storage is too full to keep it, so it stays only until this page closes: Download it or Restore it/);
  const download = page.waitForEvent('download');
  await page.getByTestId('download-replaced').click();
  const body = JSON.parse(await (await import('node:fs/promises')).readFile(await (await download).path(), 'utf8'));
  assert.equal(body.data.users, 2345);
  assert.deepEqual(problems, []);
  await context.close();
});

test('opening a link over unsaved work keeps the work, and one click restores it', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'video-chat-5k');
  await setUsers(page, 4321);
  await page.getByTestId('revenue-price').fill('12–18');
  await settled(page);
  const before = {
    cost: await text(page, 'kpi-monthly-cost'),
    profit: await text(page, 'kpi-profit'),
    users: await text(page, 'answers-users'),
  };
  await page.goto('about:blank');
  await page.goto(`${app.url}#p=salesboy-ai&u=50`);
  await page.getByTestId('replaced-bar').waitFor();
  assert.equal(await text(page, 'answers-users'), '50');
  assert.match(await text(page, 'replaced-bar'), /Before you opened a link, you were working on “Video chat app to 5,000 users” at 4,321 users\. It is kept under Recovered data\./);
  await page.getByTestId('restore-replaced').click();
  await waitText(page, 'answers-users', '4,321');
  assert.deepEqual(
    { cost: await text(page, 'kpi-monthly-cost'), profit: await text(page, 'kpi-profit'), users: await text(page, 'answers-users') },
    before,
  );
  assert.equal(await page.getByTestId('revenue-price').inputValue(), '12–18');
  // Picking a preset over the edited work keeps it too, and it survives a reload.
  await pick(page, 'starter-saas');
  await page.getByTestId('replaced-bar').waitFor();
  await settled(page);
  await page.reload();
  await page.getByTestId('recovered').waitFor();
  assert.match(await text(page, 'recovered-title-0'), /^“Video chat app to 5,000 users” at 4,321 users, before you picked the built-in scenario/);
  await page.getByTestId('recovered-open-0').click();
  await waitText(page, 'answers-users', '4,321');
  assert.equal(await text(page, 'kpi-monthly-cost'), before.cost);
  assert.deepEqual(problems, []);
  await context.close();
});

test('saving under a name that is taken asks: replace (with undo) or keep both', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'chatbot-digitalocean');
  await saveAs(page, 'Plan A');
  await setUsers(page, 3000);
  await page.getByTestId('save-name').fill('Plan A');
  await page.getByTestId('save-button').click();
  assert.match(await text(page, 'save-taken'), /There is already a scenario called “Plan A”\./);
  assert.deepEqual(await savedNames(page), ['Plan A']);
  await page.getByTestId('save-keep-both').click();
  await waitText(page, 'save-status', 'Saved “Plan A (2)” in this browser.');
  await setUsers(page, 7000);
  await page.getByTestId('save-name').fill('Plan A');
  await page.getByTestId('save-button').click();
  await page.getByTestId('save-replace').click();
  await waitText(page, 'save-status', 'Saved over “Plan A” in this browser.');
  assert.match(await text(page, 'undo-bar'), /Replaced the earlier “Plan A”/);
  await page.getByTestId('undo-delete').click();
  // The scenario saved over it keeps the name; the earlier one comes back beside it.
  await waitText(page, 'saved-name-2', 'Plan A (2)');
  assert.deepEqual(await savedNames(page), ['Plan A (3)', 'Plan A', 'Plan A (2)']);
  await page.getByTestId('saved-open-0').click();
  await waitText(page, 'answers-users', '100');
  await page.getByTestId('saved-open-1').click();
  await waitText(page, 'answers-users', '7,000');
  assert.deepEqual(problems, []);
  await context.close();
});

test('storage that is full while unreadable data is set aside loses nothing', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await settled(page);
  const damaged = '{"schema_version":1,"data":{"scenario":';
  await page.evaluate((d) => localStorage.setItem('headroom/working', d), damaged);
  // From here on the browser has no room for a copy: every write aside fails.
  await context.addInitScript(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (k.startsWith('headroom/unreadable/')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return set.call(this, k, v);
    };
  });
  await page.goto(app.url);
  await page.getByTestId('kpi-monthly-cost').waitFor();
  assert.match(await text(page, 'notices'), /The scenario you were working on could not be read: it is damaged.*too full to copy it aside, so it is left where it is and Headroom will not write over it\. Until you delete it under Recovered data \(download it there first\), changes on screen are not saved in this browser\./);
  await setUsers(page, 777);
  await page.waitForTimeout(600); // past the 250 ms the page waits before it saves
  assert.equal(await page.evaluate(() => localStorage.getItem('headroom/working')), damaged);
  assert.deepEqual(await asideKeys(page), []);
  assert.match(await text(page, 'recovered-title-0'), /The scenario you were working on, left in place for want of room/);
  const download = page.waitForEvent('download');
  await page.getByTestId('recovered-download-0').click();
  const file = await download;
  assert.equal(file.suggestedFilename(), 'headroom-recovered-1.json');
  assert.equal(await (await import('node:fs/promises')).readFile(await file.path(), 'utf8'), damaged);
  // Deleting it there makes the room, and the work on screen is saved again.
  await page.getByTestId('recovered-delete-0').click();
  await setUsers(page, 778);
  await page.waitForFunction(() => localStorage.getItem('headroom/working')?.includes('"users":778'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('two unreadable saved entries and an unreadable working scenario are all kept', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await settled(page);
  const first = '{"name":"first","users":"many"}';
  const second = '{"name":"second","scenario":7,"users":1}';
  await page.evaluate(([a, b]) => {
    localStorage.setItem('headroom/saved', `{"schema_version":1,"data":[${a},${b}]}`);
    localStorage.setItem('headroom/working', 'not json');
  }, [first, second]);
  await page.goto(app.url);
  await page.getByTestId('recovered').waitFor();
  assert.match(await text(page, 'notices'), /2 saved scenarios could not be read.*Nothing is lost/);
  const keys = await asideKeys(page);
  assert.equal(keys.length, 3, keys.join(' '));
  const values = await page.evaluate((ks) => ks.map((k) => localStorage.getItem(k)), keys);
  assert.deepEqual(values.sort(), [first, second, 'not json'].sort());
  assert.equal(await page.locator('[data-testid^=recovered-item-]').count(), 3);
  // A reload sets nothing aside twice.
  await page.reload();
  await page.getByTestId('recovered').waitFor();
  assert.equal((await asideKeys(page)).length, 3);
  assert.deepEqual(problems, []);
  await context.close();
});

test('data written by a newer Headroom survives a visit from this build', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await settled(page);
  const working = '{"schema_version":9,"data":{"scenario":{"future":true},"users":12}}';
  const saved = '{"schema_version":9,"data":[{"name":"Future plan"}]}';
  await page.evaluate(([w, s]) => {
    localStorage.setItem('headroom/working', w);
    localStorage.setItem('headroom/saved', s);
  }, [working, saved]);
  await page.goto(app.url);
  await page.getByTestId('recovered').waitFor();
  // This build works and saves as usual...
  await setUsers(page, 1234);
  await saveAs(page, 'Today');
  await settled(page);
  await page.reload();
  await page.getByTestId('recovered').waitFor();
  // ...and the newer data is still there, as it was, under keys of its own.
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('headroom/unreadable/')).map((k) => localStorage.getItem(k)));
  assert.deepEqual(kept.sort(), [saved, working].sort());
  const list = await text(page, 'recovered-list');
  assert.match(list, /written by a newer version of Headroom \(storage version 9; this one reads 1\)/);
  assert.equal(await page.locator('[data-testid^=recovered-open-]').count(), 0, 'newer data is not opened by this build');
  // Deleting one can be undone.
  await page.getByTestId('recovered-delete-0').click();
  assert.equal((await asideKeys(page)).length, 1);
  await page.getByTestId('recovered-undo').click();
  assert.equal((await asideKeys(page)).length, 2);
  assert.deepEqual(problems, []);
  await context.close();
});
