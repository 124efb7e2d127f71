// Shared by the end-to-end tests: serves dist/ on loopback, starts the system Chromium,
// and watches every page for console errors, page errors and requests to other origins.
import { createServer } from 'node:http';
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const DIST = process.env.HEADROOM_DIST ?? join(ROOT, 'dist');
export const OUTPUT = join(ROOT, 'test-output');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Serves `dir` under `prefix` (e.g. '/tools/headroom/') on 127.0.0.1; resolves to { url, close }. */
export async function serve({ dir = DIST, prefix = '/' } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    let rel = normalize(path.slice(prefix.length));
    if (rel.startsWith('..')) {
      res.writeHead(403).end();
      return;
    }
    if (rel === '' || rel === '.' || rel.endsWith('/')) rel = join(rel, 'index.html');
    try {
      const body = await readFile(join(dir, rel));
      res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/** Starts Debian's Chromium headless, with the flags this machine's closed network needs. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens the app in a fresh context and waits for it to render. The returned `problems`
 * array collects console errors and warnings, uncaught page errors, and any request to an
 * origin other than the app's own.
 */
export async function open(browser, url, { viewport = { width: 1280, height: 900 }, colorScheme = 'light', waitFor = 'kpi-monthly-cost' } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  const problems = [];
  const origin = new URL(url).origin;
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) {
      problems.push(`request to another origin: ${u}`);
    }
  });
  await page.goto(url);
  if (waitFor) await page.getByTestId(waitFor).waitFor();
  return { context, page, problems };
}

/**
 * Saves a full-page screenshot under test-output/ and returns its path. The page is first
 * scrolled through, top to bottom and back, as a reader would: charts are drawn when they
 * come into view.
 */
export async function screenshot(page, name) {
  await mkdir(OUTPUT, { recursive: true });
  const path = join(OUTPUT, `${name}.png`);
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    for (const box of [document.scrollingElement, document.querySelector('.outputs')]) {
      if (!box) continue;
      for (let y = 0; y < box.scrollHeight; y += Math.max(200, box.clientHeight / 2)) {
        box.scrollTo(0, y);
        await frame();
      }
      box.scrollTo(0, 0);
      await frame();
    }
  });
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The text of the element with this data-testid. */
export async function text(page, testid) {
  return seen((await page.getByTestId(testid).textContent()) ?? '');
}

/** Text as a person sees it: trimmed, without the invisible word joiner that holds a minus
 * sign to its dollar sign. */
export function seen(text) {
  return text.replace(/\u2060/g, '').trim();
}

/**
 * Waits until the element with this data-testid reads `want` (trimmed); if it does not
 * within 5 s, fails naming what it reads instead.
 */
export async function waitText(page, testid, want) {
  await page
    .waitForFunction(
      ([id, w]) => document.querySelector(`[data-testid=${id}]`)?.textContent.replace(/\u2060/g, '').trim() === w,
      [testid, want],
      { timeout: 5000 },
    )
    .catch(async () => {
      assert.equal(await text(page, testid), want, testid);
    });
}

/**
 * Adds a component on `provider` with the stack editor: opens "Add a component", clicks the
 * provider's option in the list, and waits for its card, `component-<id>`.
 */
export async function addComponent(page, provider, id) {
  await page.getByTestId('add-component-button').click();
  await page.getByTestId(`add-option-${provider}`).click();
  await page.getByTestId(`component-${id}`).waitFor();
}

/**
 * Writes `body` to the file `name` in `dir`, imports it, and waits until the page says it
 * was not imported; returns what the page said.
 */
export async function importRefused(page, dir, name, body) {
  const path = join(dir, name);
  await writeFile(path, body);
  await page.getByTestId('import-json').setInputFiles(path);
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid=import-error]')?.textContent.includes(n),
    name,
  );
  return text(page, 'import-error');
}

/** Types a user count into the users input and waits until the answers show it. */
export async function setUsers(page, users) {
  const input = page.getByTestId('users-input');
  await input.fill(String(users));
  const shown = users.toLocaleString('en-US');
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid=answers-users]')?.textContent === want,
    shown,
  );
}

/**
 * Waits until the page has saved its working scenario, put it in the address and in the link
 * it offers, which it does 250 ms after the last change; until then the link is aria-busy.
 */
export async function settled(page) {
  await page.waitForFunction(() => {
    const field = document.querySelector('[data-testid=share-link]');
    const fragment = field?.value.split('#')[1];
    return field.getAttribute('aria-busy') === 'false'
      && fragment && location.hash === `#${fragment}` && localStorage.getItem('headroom/working');
  });
}

/** Loads a built-in scenario from the picker and waits until its name is shown. */
export async function pick(page, id) {
  const picker = page.getByTestId('preset-picker');
  const before = await text(page, 'scenario-name');
  await picker.selectOption(id);
  const label = await picker.evaluate((el) => el.options[el.selectedIndex].textContent);
  if (label !== before) {
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid=scenario-name]')?.textContent === want,
      label,
    );
  }
}

/**
 * For a test file: serves the release build and starts the browser before its tests, and
 * closes both after them. `app.url` is the served address, `app.browser` the browser.
 */
export function useApp() {
  const app = { server: null, browser: null };
  before(async () => {
    app.server = await serve();
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return {
    get url() {
      return app.server.url;
    },
    get browser() {
      return app.browser;
    },
  };
}
