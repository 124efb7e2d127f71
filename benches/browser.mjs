// Measures the release build in headless Chromium through the DevTools protocol and prints
// each figure beside its budget: first-load transfer, time to the first chart (median of 10,
// plain and with 4× CPU throttling), main-thread work per slider input over a 200-step drag
// (4× throttling) and the long tasks during it. It prints; it never fails on a timing.
// Run with scripts/bench (which builds the release first).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serve, launch, DIST } from '../tests/e2e/harness.mjs';

const RUNS = 10;
const STEPS = 200;

function transferKb() {
  let gz = 0;
  for (const name of readdirSync(DIST)) {
    const p = join(DIST, name);
    if (statSync(p).isFile()) gz += gzipSync(readFileSync(p), { level: 9 }).length;
  }
  return gz / 1024;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];

async function firstChart(browser, url, throttle) {
  const times = [];
  for (let i = 0; i < RUNS; i += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('headroom:first-chart').length > 0, null, { timeout: 60000 });
    times.push(await page.evaluate(() => performance.getEntriesByName('headroom:first-chart')[0].startTime));
    await context.close();
  }
  return median(times);
}

async function drag(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(url);
  await page.getByTestId('chart-cost').waitFor();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const result = await page.evaluate(async (steps) => {
    const longTasks = [];
    const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
    observer.observe({ type: 'longtask' });
    const slider = document.querySelector('[data-testid=users-slider]');
    const settle = () => new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = resolve;
      channel.port2.postMessage(0);
    });
    const times = [];
    for (let i = 0; i < steps; i += 1) {
      slider.value = String(300 + i * 2);
      const t0 = performance.now();
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await settle();
      times.push(performance.now() - t0);
      await new Promise(requestAnimationFrame);
    }
    observer.disconnect();
    return { times, longTasks: longTasks.length };
  }, STEPS);
  await context.close();
  return { p95: p95(result.times), median: median(result.times), longTasks: result.longTasks };
}

const server = await serve();
const browser = await launch();
const url = `${server.url}#p=salesboy-ai&u=50`;
const row = (figure, value, budget) => console.log(`  ${figure.padEnd(62)} ${value.padStart(12)}   budget ${budget}`);
console.log('browser benchmark (release build, headless Chromium, scenario salesboy-ai):');
row('first-load transfer, all assets gzipped', `${transferKb().toFixed(1)} KB`, '≤ 150 KB');
row(`navigation to first chart painted, median of ${RUNS}`, `${(await firstChart(browser, url, 1)).toFixed(0)} ms`, '≤ 250 ms');
row(`the same with 4× CPU throttling, median of ${RUNS}`, `${(await firstChart(browser, url, 4)).toFixed(0)} ms`, '≤ 600 ms');
const d = await drag(browser, url);
row(`main-thread work per slider input, p95 of ${STEPS}, 4× throttling`, `${d.p95.toFixed(1)} ms`, '≤ 8 ms');
row(`  (median)`, `${d.median.toFixed(1)} ms`, '');
row('long tasks (> 50 ms) during that drag', `${d.longTasks}`, '0');
await browser.close();
await server.close();
