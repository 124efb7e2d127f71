// The page as a founder reads it, in the release build: one scroll that reaches every part
// by mouse and keyboard, a phone layout with the answers near the top, answers that say
// what they rest on, an embed code that sizes itself, and a printed report that opens with
// the assumptions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { ROOT, addComponent, open, pick, screenshot, setUsers, settled, text, useApp } from './harness.mjs';

const app = useApp();
const PRESETS = (await readdir(join(ROOT, 'assets', 'presets'))).map((f) => f.replace(/\.json$/, '')).sort();

/** Where an element is in the window, by data-testid. */
function box(page, testid) {
  return page.getByTestId(testid).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height, width: r.width, window: innerHeight };
  });
}

test('keyboard only: Page Down and Tab reach the capacity table, and End shows it whole', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'ai-ceo-replit');
  await page.getByTestId('capacity-table').waitFor();
  // From the top, Page Down moves the page itself until the table is on screen.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  let presses = 0;
  for (; presses < 40; presses++) {
    const b = await box(page, 'capacity-table');
    if (b.top < b.window && b.bottom > 0) break;
    await page.keyboard.press('PageDown');
    await page.waitForTimeout(60);
  }
  assert.ok(presses > 0 && presses < 40, `Page Down reached the capacity table after ${presses} presses`);
  // The end of the page shows the whole table.
  await page.keyboard.press('End');
  await page.waitForFunction(() => Math.abs(scrollY + innerHeight - document.scrollingElement.scrollHeight) < 2);
  const end = await box(page, 'capacity-table');
  assert.ok(end.top >= 0 && end.bottom <= end.window, `the whole table is in view at the end: ${JSON.stringify(end)}`);
  await screenshot(page, 'reading-end-of-page');
  // Tab from the top reaches the table's own scroll box, which then takes arrow keys.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() => document.activeElement?.blur());
  let tabs = 0;
  for (; tabs < 800; tabs++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.dataset.testid === 'capacity-scroll')) break;
  }
  assert.ok(tabs < 800, 'Tab reaches the capacity table');
  const focused = await box(page, 'capacity-scroll');
  assert.ok(focused.top >= 0 && focused.top < focused.window, 'the focused table is scrolled into view');
  // No part of the page scrolls on its own: the answers column has no scroll box of its own.
  const overflow = await page.locator('.outputs').evaluate((el) => getComputedStyle(el).overflowY);
  assert.equal(overflow, 'visible');
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a wide screen the answers stay in view beside a long stack, and the page reaches their end', async () => {
  const { context, page, problems } = await open(app.browser, app.url, { viewport: { width: 1280, height: 800 } });
  await pick(page, 'ai-ceo-replit');
  await page.getByTestId('component-app').waitFor();
  // Scrolled to the middle of the stack, the cost chart beside it is on screen.
  await page.getByTestId('component-database').scrollIntoViewIfNeeded();
  await page.waitForTimeout(100);
  const chart = await box(page, 'chart-cost');
  assert.ok(chart.top >= 0 && chart.bottom <= chart.window + 1, `the cost chart stays in view: ${JSON.stringify(chart)}`);
  // Scrolled back up by as much as the column is taller than the window, still in the
  // middle of the stack, the top of the answers is on screen again.
  const column = await page.locator('.outputs').evaluate((el) => el.getBoundingClientRect().height);
  assert.ok(column > 800, `the column (${Math.round(column)} px) is taller than the window`);
  await page.evaluate((up) => window.scrollBy(0, -up), column - 800 + 10);
  await page.waitForTimeout(100);
  assert.ok(await page.evaluate(() => scrollY) > 300, 'still in the middle of the page');
  const cost = await box(page, 'kpi-monthly-cost');
  assert.ok(cost.top >= 0 && cost.bottom <= cost.window, `the monthly cost is in view: ${JSON.stringify(cost)}`);
  // And at the top of the page, the answers' heading.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(100);
  const users = await box(page, 'answers-users');
  assert.ok(users.top >= 0 && users.top < users.window);
  assert.deepEqual(problems, []);
  await context.close();
});

test('phone, 390 px: no preset overflows the page sideways, and the answers start within two screens', async () => {
  const viewport = { width: 390, height: 844 };
  const { context, page, problems } = await open(app.browser, app.url, { viewport });
  for (const id of PRESETS) {
    await pick(page, id);
    await page.getByTestId('capacity-table').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    const wide = await page.evaluate(() => document.scrollingElement.scrollWidth);
    assert.ok(wide <= viewport.width, `${id}: the page is ${wide} px wide at ${viewport.width} px`);
    const answers = await page.getByTestId('kpi-monthly-cost').evaluate((el) => el.getBoundingClientRect().top + scrollY);
    assert.ok(answers < 2 * viewport.height, `${id}: the answers start ${Math.round(answers)} px down`);
    // The capacity table scrolls inside its own box, which says so.
    const table = await page.getByTestId('capacity-scroll').evaluate((el) => ({
      scrolls: el.scrollWidth > el.clientWidth,
      overflow: getComputedStyle(el).overflowX,
      right: el.getBoundingClientRect().right,
    }));
    assert.equal(table.overflow, 'auto', id);
    assert.ok(table.right <= viewport.width, `${id}: the table's box ends inside the screen`);
    if (table.scrolls) assert.ok(await page.locator('.capacity .scroll-hint').isVisible(), `${id}: the hint shows`);
  }
  await pick(page, 'salesboy-ai');
  await screenshot(page, 'reading-phone-salesboy');
  assert.deepEqual(problems, []);
  await context.close();
});

test('AI CEO at 3,000 users states the month the stack is full next to break-even, and points at the component', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'ai-ceo-replit');
  await setUsers(page, 3000);
  // 20 instances × 250 = 5,000 users; 3,000 × 1.1⁶ = 5,315 in month 6 is past it.
  assert.equal(await text(page, 'kpi-break-even-month-detail'), 'the stack is full from month 6: see below');
  assert.match(
    await text(page, 'full-from'),
    /^The stack is full from month 6, at 5,315 users: Flask app \(Replit Autoscale\) runs out of room\. The figures from month 6 on count it at its largest allowed size/,
  );
  await page.getByTestId('full-from').getByRole('button', { name: 'Show that component' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'component-app-heading', 'the keyboard is on the card\'s heading, not on a button');
  // At 1,000 users the year holds: 1,000 × 1.1¹² = 3,138.
  await setUsers(page, 1000);
  await page.getByTestId('full-from').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('kpi-break-even-month-detail').count() === 0 || (await text(page, 'kpi-break-even-month-detail')) === '', true);
  // A stack built in the page: the blank scenario's host replaced by a DigitalOcean droplet
  // allowed one server, at 100,000 users, is full now and says which part.
  await pick(page, 'blank');
  await page.getByTestId('component-app-remove').click();
  await page.getByTestId('component-app').waitFor({ state: 'detached' });
  await addComponent(page, 'digitalocean-droplet', 'c1');
  await page.getByTestId('component-c1-max-units').fill('1');
  await setUsers(page, 100000);
  await page.getByTestId('full-from').waitFor();
  assert.match(await text(page, 'full-from'), /^The stack is full now, at 100,000 users: /);
  assert.equal(await text(page, 'kpi-break-even-month-detail'), 'the stack is full now: see below');
  assert.deepEqual(problems, []);
  await context.close();
});

test('while an input holds an error, the answers say they are for the last valid input', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await setUsers(page, 5000);
  await page.getByTestId('users-input').fill('1e99');
  await page.getByTestId('answers-stale').waitFor();
  assert.match(await text(page, 'answers-stale'), /These answers are for the last valid input\. “Users now” has an error/);
  assert.equal(await text(page, 'answers-users'), '5,000');
  await page.getByTestId('users-input').fill('6000');
  await page.getByTestId('answers-stale').waitFor({ state: 'detached' });
  assert.equal(await text(page, 'answers-users'), '6,000');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the phase chart draws users only over the months the timeline has', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  for (const [id, users, horizon] of [['starter-saas', 57000, 24], ['blank', 300, null]]) {
    await pick(page, id);
    await setUsers(page, users);
    const want = horizon ?? Number(await page.getByTestId('horizon-months').inputValue());
    await page.waitForFunction(
      (h) => document.querySelector('[data-testid=chart-phases]')?.dataset.points?.split(' ').at(-1) === String(h),
      want,
    );
    const points = (await page.getByTestId('chart-phases').getAttribute('data-points')).split(' ').map(Number);
    assert.equal(points.length, want + 1, `${id}: a point per month 0–${want}`);
    assert.ok(points.every((m) => m <= want), `${id}: no point past month ${want}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('the embed code pasted into a plain HTML page shows its whole cost chart with no inner scrollbar', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'chatbot-digitalocean');
  await settled(page);
  const code = await page.getByTestId('embed-code').inputValue();
  assert.match(code, /<iframe [^>]*data-headroom-embed><\/iframe><script>/);
  await context.close();
  // A docs page on another origin (another port), with nothing on it but the pasted code.
  const body = `<!doctype html><html><body><h1>Our costs</h1><p>Before.</p>${code}<p id="after">After.</p></body></html>`;
  const server = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(body));
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const host = await app.browser.newContext({ viewport: { width: 800, height: 700 } });
  // In the embedded view only, every postMessage to the parent is recorded with the
  // origin it is addressed to (`parent` is replaceable, so the view reaches this one).
  await host.addInitScript(() => {
    if (!location.search.includes('embed=') || window.parent === window) return;
    const real = window.parent;
    const targets = [];
    Object.defineProperty(window, 'headroomTargets', { value: targets });
    Object.defineProperty(window, 'parent', {
      configurable: true,
      value: { postMessage: (message, origin) => { targets.push(origin); real.postMessage(message, origin); } },
    });
  });
  const docs = await host.newPage();
  const docsOrigin = `http://127.0.0.1:${server.address().port}`;
  await docs.goto(`${docsOrigin}/guide.html`);
  const frame = docs.frameLocator('iframe[data-headroom-embed]');
  await frame.getByTestId('chart-cost').waitFor();
  // The frame grows to what its content reports: the content is no taller than the frame.
  const embed = docs.frames().find((f) => f.url().includes('embed='));
  const inner = () => embed.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    chartBottom: document.querySelector('[data-testid=chart-cost]').getBoundingClientRect().bottom,
  }));
  const frameHeight = () => docs.locator('iframe[data-headroom-embed]').evaluate((f) => f.clientHeight);
  // Before its script runs, the frame is as tall as the title line, the answers and the
  // cost chart: 40 + 640 + 360 = 1,040 px, which holds what it shows at this width.
  const START = 40 + 640 + 360;
  assert.match(code, new RegExp(`height:${START}px`));
  assert.ok((await inner()).height <= START, `the frame's first height holds its content: ${(await inner()).height} px`);
  let sizes;
  for (let i = 0; i < 50; i++) {
    sizes = { ...(await inner()), frame: await frameHeight() };
    if (sizes.height <= sizes.frame + 1 && sizes.frame !== START) break;
    await docs.waitForTimeout(100);
  }
  assert.notEqual(sizes.frame, START, 'the script set the frame to its content\'s height');
  assert.ok(sizes.chartBottom <= sizes.frame, `the cost chart ends inside the frame: ${JSON.stringify(sizes)}`);
  assert.ok(sizes.height <= sizes.frame + 1, `no inner scrollbar: ${JSON.stringify(sizes)}`);
  // Every height went to the docs page's own origin, never to "*".
  const targets = await embed.evaluate(() => window.headroomTargets);
  assert.ok(targets.length > 0, 'the height was posted');
  assert.deepEqual([...new Set(targets)], [docsOrigin], `posted to ${JSON.stringify(targets)}`);
  await docs.locator('#after').scrollIntoViewIfNeeded();
  await docs.screenshot({ path: join(ROOT, 'test-output', 'reading-embed-in-docs.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await host.close();
  await new Promise((ok) => server.close(ok));
});

test('print: the first page lists the assumptions and the stack, and every chart takes the full width', async () => {
  // A4 less 12 mm margins is 186 × 273 mm: 703 × 1,032 CSS pixels.
  const page1 = { width: 703, height: 1032 };
  const { context, page, problems } = await open(app.browser, app.url, { viewport: page1 });
  await pick(page, 'starter-saas');
  await page.getByTestId('assumptions').waitFor({ state: 'attached' });
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const assumptions = await page.getByTestId('assumptions').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top + scrollY, bottom: r.bottom + scrollY, text: el.innerText };
  });
  assert.ok(assumptions.bottom <= page1.height, `the assumptions end ${Math.round(assumptions.bottom)} px down, on the first page`);
  for (const want of ['Users now', '1,000', 'Growth', '10% a month', 'Users who pay', '3% of all users', 'Average price', '$12 a month', 'Web app', 'Database']) {
    assert.ok(assumptions.text.includes(want), `the assumptions say ${want}`);
  }
  for (const id of ['chart-cost', 'chart-revenue', 'chart-phases', 'chart-profit']) {
    const w = await page.getByTestId(id).evaluate((el) => el.getBoundingClientRect().width);
    assert.ok(w >= page1.width * 0.95, `${id} prints ${Math.round(w)} px wide of ${page1.width}`);
  }
  await page.screenshot({ path: join(ROOT, 'test-output', 'reading-print.png'), fullPage: true });
  // And the browser prints it to a PDF.
  await page.emulateMedia({ media: 'screen' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  assert.ok(pdf.length > 10_000, 'a PDF was made');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a figure breaks only at a space or after its dash, never inside a number or after a minus sign', async () => {
  for (const width of [1280, 390]) {
    const { context, page, problems } = await open(app.browser, app.url, { viewport: { width, height: 900 } });
    await pick(page, 'ai-ceo-replit');
    await setUsers(page, 3000);
    const bad = await page.evaluate(() => {
      const out = [];
      for (const el of document.querySelectorAll('.kpi dd.figure')) {
        // Every character with where its line starts; a new line may start only after a
        // space or a dash, or at a space.
        const chars = [];
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
          const r = document.createRange();
          for (let i = 0; i < t.length; i++) {
            r.setStart(t, i);
            r.setEnd(t, i + 1);
            const rect = r.getBoundingClientRect();
            chars.push({ ch: t.data[i], top: rect.height > 0 ? Math.round(rect.top) : null });
          }
        }
        const shown = chars.filter((c) => c.ch !== '\u2060');
        let lastTop = null;
        for (let k = 0; k < shown.length; k++) {
          const { ch, top } = shown[k];
          if (top === null) continue;
          if (lastTop !== null && top > lastTop + 2) {
            const before = shown[k - 1]?.ch;
            if (!(before === ' ' || before === '–' || ch === ' ')) {
              const text = shown.map((c) => c.ch).join('');
              out.push(`${el.dataset.testid}: “${text.slice(0, k)}” | “${text.slice(k)}”`);
            }
          }
          lastTop = top;
        }
      }
      return out;
    });
    assert.deepEqual(bad, [], `at ${width} px`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});
