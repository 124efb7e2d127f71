// Using the calculator as a founder would: drag the slider and the chart marker, use only
// the keyboard, change a provider and override a price, on a phone and on a desktop, in
// light and dark. Hand-worked values are in the comments and in tests/model.rs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { open, pick, screenshot, setUsers, text, useApp, waitText } from './harness.mjs';

const app = useApp();

test('dragging the slider to its end shows the hand-worked cost at 100 million users', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  const slider = page.getByTestId('users-slider');
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width + 40, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await waitText(page, 'answers-users', '100,000,000');
  // 16 GB droplet $96 (over capacity) + Supabase Pro $25 + (50,000,000 − 8,192) MB ÷ 1,024
  // × $0.125 = $6,102.52: $6,223.52.
  assert.equal(await text(page, 'kpi-monthly-cost'), '$6,224');
  assert.match(await text(page, 'warnings'), /Web app: RAM \(MB\) at/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the keyboard alone reaches the slider and moves it', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  let reached = false;
  for (let i = 0; i < 40 && !reached; i += 1) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.dataset?.testid === 'users-slider');
  }
  assert.ok(reached, 'Tab reaches the users slider');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.press('Home');
  await waitText(page, 'answers-users', '1');
  // Five steps of a tenth of the scale: 10^(8 × 0.5) = 10,000 users, $73 (tests/model.rs).
  for (let i = 0; i < 5; i += 1) await page.keyboard.press('PageUp');
  await waitText(page, 'answers-users', '10,000');
  assert.equal(await text(page, 'kpi-monthly-cost'), '$73');
  // One arrow step is 1/1,000 of the scale: 10^4.008 ≈ 10,186, shown to three figures.
  await page.keyboard.press('ArrowRight');
  await waitText(page, 'answers-users', '10,200');
  assert.deepEqual(problems, []);
  await context.close();
});

test('dragging the marker on the cost chart moves the users', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  const chart = page.getByTestId('chart-cost');
  await chart.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('[data-testid=chart-cost]')?.dataset.plotLeft);
  const g = await chart.evaluate((el) => ({
    left: Number(el.dataset.plotLeft),
    right: Number(el.dataset.plotRight),
    min: Number(el.dataset.xMin),
    max: Number(el.dataset.xMax),
  }));
  const px = (u) => g.left + ((Math.log10(u) - Math.log10(g.min)) / (Math.log10(g.max) - Math.log10(g.min))) * (g.right - g.left);
  const box = await chart.boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + px(1000), y);
  await page.mouse.down();
  await page.mouse.move(box.x + px(3000), y, { steps: 5 });
  await page.mouse.move(box.x + px(10000), y, { steps: 5 });
  await page.mouse.up();
  // The drag lands within a pixel of 10,000 users; anywhere from 8,990 to 19,200 users the
  // starter runs the 8 GB droplet and Supabase Pro: $73 (tests/model.rs).
  await page.waitForFunction(() => {
    const n = Number(document.querySelector('[data-testid=answers-users]')?.textContent.replaceAll(',', ''));
    return n >= 9500 && n <= 10500;
  });
  assert.equal(await text(page, 'kpi-monthly-cost'), '$73');
  assert.deepEqual(problems, []);
  await context.close();
});

test('changing a provider and overriding a price give the hand-worked costs', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  // Managed Postgres 1 GB ($15) holds 500 MB easily: $6 + $15 = $21.
  await page.getByTestId('component-database-provider').selectOption('managed-postgres');
  await waitText(page, 'kpi-monthly-cost', '$21');
  await page.getByTestId('component-database-tier').selectOption('managed-postgres/basic-2gb');
  await waitText(page, 'kpi-monthly-cost', '$36');
  // The web app's 1 GB droplet at $8–10 instead of $6: $38–$40.
  await page.getByTestId('component-host-price').fill('8–10');
  await waitText(page, 'kpi-monthly-cost', '$38–$40');
  assert.match(await text(page, 'component-host-overridden'), /Your own price; the catalogue says \$6\/month/);
  assert.match(await text(page, 'capacity-host'), /your price: entered by the founder/);
  // A bad price is explained and changes nothing.
  await page.getByTestId('component-host-price').fill('-3');
  assert.match(await text(page, 'component-host-price-error'), /between 0 and/);
  assert.equal(await text(page, 'kpi-monthly-cost'), '$38–$40');
  await page.getByRole('button', { name: 'Use the catalogue price' }).click();
  await waitText(page, 'kpi-monthly-cost', '$36');
  assert.deepEqual(problems, []);
  await context.close();
});

test('components can be added and removed', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  // Opening the list and moving through it adds nothing until a provider is picked.
  await page.getByTestId('add-component-button').click();
  await page.getByTestId('add-component-search').fill('load bal');
  await page.getByTestId('add-component-search').press('ArrowDown');
  await page.getByTestId('add-option-load-balancer').hover();
  assert.equal(await page.getByTestId('component-c3').count(), 0);
  // A load balancer starts on its default plan, DigitalOcean's regional one at $12: $31 + $12.
  await page.getByTestId('add-option-load-balancer').click();
  await waitText(page, 'kpi-monthly-cost', '$43');
  assert.match(await text(page, 'capacity-c3'), /Load balancer/);
  await page.getByTestId('component-c3-remove').click();
  await waitText(page, 'kpi-monthly-cost', '$31');
  // Without the database only the $6 droplet is left.
  await page.getByTestId('component-database-remove').click();
  await waitText(page, 'kpi-monthly-cost', '$6');
  assert.equal(await page.getByTestId('capacity-database').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the printed report is a short clean report', async () => {
  const { context, page, problems } = await open(app.browser, app.url, { viewport: { width: 1280, height: 700 } });
  await pick(page, 'chatbot-digitalocean');
  const drawn = (id) => page.evaluate((t) => Boolean(document.querySelector(`[data-testid=${t}]`)?.dataset.plotLeft), id);
  // Charts below the first screen are drawn only when needed; printing needs them all.
  const lowest = await page.evaluate(() => [...document.querySelectorAll('canvas.chart')]
    .map((c) => [c.dataset.testid, c.getBoundingClientRect().top])
    .sort((a, b) => b[1] - a[1])[0]);
  assert.ok(lowest[1] > 2 * 700, `${lowest[0]} starts ${Math.round(lowest[1])} px down`);
  assert.equal(await drawn(lowest[0]), false, `${lowest[0]}, far below, waits to be seen`);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  for (const id of ['chart-cost', 'chart-revenue', 'chart-phases', 'chart-profit']) {
    assert.ok(await drawn(id), `${id} is drawn for print`);
  }
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByTestId('users-slider').isVisible(), false, 'controls are hidden in print');
  assert.equal(await page.getByTestId('kpi-monthly-cost').isVisible(), true);
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  // The assumptions, the answers and four charts at the page's full width, then the
  // capacity table: three A4 pages for this one-component stack.
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= 2 && pages <= 3, `the report prints on ${pages} pages`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('revenue inputs change revenue, profit and break-even', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  // A new scenario pays the card fee, 2.9% + $0.30 a charge: 1,000 users × 3% = 30 paying
  // × ($12 − ($0.348 + $0.30)) = 30 × $11.352 = $340.56. At 10% and $20: 100 paying ×
  // ($20 − ($0.58 + $0.30)) = 100 × $19.12 = $1,912, profit $1,912 − $31 = $1,881.
  assert.equal(await text(page, 'kpi-revenue'), '$341');
  await page.getByTestId('revenue-conversion').fill('10');
  await page.getByTestId('revenue-price').fill('20');
  await waitText(page, 'kpi-revenue', '$1,912');
  assert.equal(await text(page, 'kpi-profit'), '$1,881');
  await page.getByTestId('revenue-conversion').fill('150');
  assert.match(await text(page, 'revenue-conversion-error'), /between 0 and 100/);
  assert.equal(await text(page, 'kpi-revenue'), '$1,912');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a chart out of view is drawn when it scrolls in, or when it is exported', async () => {
  const { context, page, problems } = await open(app.browser, app.url, { viewport: { width: 1280, height: 700 } });
  const drawn = (id) => page.evaluate((t) => Boolean(document.querySelector(`[data-testid=${t}]`)?.dataset.plotLeft), id);
  await page.waitForFunction(() => document.querySelector('[data-testid=chart-cost]')?.dataset.plotLeft);
  await setUsers(page, 2000);
  // The profit and phase charts sit below the first screen: nothing is spent on them yet.
  assert.equal(await drawn('chart-profit'), false);
  assert.equal(await drawn('chart-phases'), false);
  // Exported without being looked at, the profit chart is drawn first.
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('png-chart-profit').click()]);
  const head = (await readFile(await png.path())).subarray(0, 8);
  assert.deepEqual([...head], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(await drawn('chart-profit'), true);
  // Scrolled to, the phase chart is drawn.
  await page.getByTestId('chart-phases').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('[data-testid=chart-phases]')?.dataset.plotLeft);
  assert.deepEqual(problems, []);
  await context.close();
});

// Polls `check` every 50 ms for up to 5 s.
async function waitFor(check, what) {
  for (let i = 0; i < 100; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`waited in vain for ${what}`);
}

// Gives the page `readPixels(canvas, x, y, w)`: a row of `w` RGBA pixels read from a copy
// of the canvas, one read per copy, so that the page's own canvases are never read back.
async function installReadPixels(page) {
  await page.evaluate(() => {
    window.readPixels = (canvas, x, y, w) => {
      const copy = document.createElement('canvas');
      [copy.width, copy.height] = [canvas.width, canvas.height];
      const ctx = copy.getContext('2d');
      ctx.drawImage(canvas, 0, 0);
      return ctx.getImageData(x, y, w, 1).data;
    };
  });
}

// Where a user count sits on a users chart (the cost chart unless named), in canvas pixels,
// and how opaque its marker layer is there (a pixel at mid-height of the canvas).
async function markerPixel(page, users, testid = 'chart-cost') {
  return page.evaluate(([u, t]) => {
    const chart = document.querySelector(`[data-testid=${t}]`);
    const layer = chart.nextElementSibling;
    const d = chart.dataset;
    const lg = Math.log10;
    const css = Number(d.plotLeft) + ((lg(u) - lg(Number(d.xMin))) / (lg(Number(d.xMax)) - lg(Number(d.xMin)))) * (Number(d.plotRight) - Number(d.plotLeft));
    const scale = layer.width / layer.clientWidth;
    const [x, y] = [Math.round(css * scale), Math.round(layer.height / 2)];
    const alpha = window.readPixels(layer, x - 1, y, 3).filter((_, i) => i % 4 === 3);
    return { x, y, css, alpha: Math.max(...alpha) };
  }, [users, testid]);
}

// The brightest channel of one pixel of a downloaded PNG.
async function pngBrightness(page, download, x, y) {
  const data = `data:image/png;base64,${(await readFile(await download.path())).toString('base64')}`;
  return page.evaluate(async ([src, px, py]) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const c = document.createElement('canvas');
    [c.width, c.height] = [img.width, img.height];
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const p = ctx.getImageData(px, py, 1, 1).data;
    return Math.max(p[0], p[1], p[2]);
  }, [data, x, y]);
}

test('the marker is drawn on its own layer, follows the users, and is in the exported PNG', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await page.waitForFunction(() => document.querySelector('[data-testid=chart-cost]')?.dataset.plotLeft);
  await installReadPixels(page);
  await setUsers(page, 1000);
  await page.waitForFunction(() => document.querySelector('[data-testid=answers-users]')?.textContent === '1,000');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.ok((await markerPixel(page, 1000)).alpha > 200, 'the marker line is drawn at 1,000 users');
  assert.equal((await markerPixel(page, 10)).alpha, 0, 'the layer is clear away from the marker');
  await setUsers(page, 10);
  await page.waitForFunction(() => document.querySelector('[data-testid=answers-users]')?.textContent === '10');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.ok((await markerPixel(page, 10)).alpha > 200, 'the marker moved to 10 users');
  assert.equal((await markerPixel(page, 1000)).alpha, 0, 'and left 1,000 users');
  // The exported image is the chart with its marker on it.
  const at = await markerPixel(page, 10);
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('png-chart-cost').click()]);
  const dark = await pngBrightness(page, png, at.x, at.y);
  assert.ok(dark < 120, `the exported PNG shows the marker (brightest channel ${dark})`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a marker moved while its chart is out of view is where the users are in the exported PNG', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await page.getByTestId('chart-revenue').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('[data-testid=chart-revenue]')?.dataset.plotLeft);
  await installReadPixels(page);
  const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await setUsers(page, 1000);
  await frames();
  assert.ok((await markerPixel(page, 1000, 'chart-revenue')).alpha > 200, 'the revenue marker at 1,000 users');
  // The page scrolled back to its top puts the revenue chart, below the stack, out of view.
  await page.evaluate(() => window.scrollTo(0, 0));
  await frames();
  await setUsers(page, 10);
  await page.waitForFunction(() => document.querySelector('[data-testid=answers-users]')?.textContent === '10');
  await frames();
  assert.equal((await markerPixel(page, 10, 'chart-revenue')).alpha, 0, 'out of view, the layer is left alone');
  // Exported twice while out of view, with the users moved in between: each PNG has the
  // marker where the users were then.
  for (const users of [10, 100]) {
    if (users !== 10) {
      await setUsers(page, users);
      await frames();
    }
    const at = await markerPixel(page, users, 'chart-revenue');
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('png-chart-revenue').click()]);
    const dark = await pngBrightness(page, png, at.x, at.y);
    assert.ok(dark < 120, `the exported PNG has the marker at ${users} users (brightest channel ${dark})`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('charts redraw when the system switches between light and dark', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await page.waitForFunction(() => document.querySelector('[data-testid=chart-cost]')?.dataset.plotLeft);
  await installReadPixels(page);
  const corner = () => page.evaluate(() => {
    return window.readPixels(document.querySelector('[data-testid=chart-cost]'), 2, 2, 1)[0];
  });
  assert.ok((await corner()) > 200, 'light background');
  await page.emulateMedia({ colorScheme: 'dark' });
  await waitFor(async () => (await corner()) < 60, 'a dark background');
  await page.emulateMedia({ colorScheme: 'light' });
  await waitFor(async () => (await corner()) > 200, 'a light background again');
  assert.deepEqual(problems, []);
  await context.close();
});

test('moving the users rewrites capacity cells in place rather than rebuilding the rows', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await page.getByTestId('capacity-table').waitFor({ state: 'attached' });
  const row = await page.evaluateHandle(() => document.querySelector('[data-testid=capacity-table] tbody tr'));
  const before = await row.evaluate((r) => r.textContent);
  await setUsers(page, 50000);
  await page.waitForFunction(([r, b]) => r.textContent !== b, [row, before]);
  assert.equal(await row.evaluate((r) => r.isConnected), true, 'the same row element is still on the page');
  assert.deepEqual(problems, []);
  await context.close();
});

const PRESETS = ['starter-saas', 'blank', 'ai-ceo-replit', 'chatbot-digitalocean', 'titletesterpro', 'video-chat-5k', 'salesboy-ai'];

test('every preset fits a 390 px phone, light and dark, and a desktop; screenshots taken', async () => {
  for (const [width, height] of [[390, 844], [1440, 900]]) {
    for (const scheme of ['light', 'dark']) {
      const { context, page, problems } = await open(app.browser, app.url, { viewport: { width, height }, colorScheme: scheme });
      for (const id of PRESETS) {
        await pick(page, id);
        await page.waitForTimeout(50);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${id} at ${width}px overflows by ${overflow}px`);
        await screenshot(page, `${id}-${width}-${scheme}`);
      }
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});
