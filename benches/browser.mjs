// Measures the release build in headless Chromium through the DevTools protocol and prints
// each figure beside its budget: first-load transfer, time to the first chart (median of 10,
// plain and with 4× CPU throttling), main-thread work per slider input over a 200-step drag
// (4× throttling) and the long tasks during it. Each timing is also taken on benches/floor/, a
// page with one slider, one figure and one canvas, and printed beside it: what this machine
// and browser take for an almost empty page. It prints; it never fails on a timing.
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

// Rendering work in a trace: everything the browser does to turn DOM and canvas changes
// into pixels on the main thread.
const RENDERING = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'UpdateLayer']);

// Drags the users slider one step per frame, STEPS times, with 4× CPU throttling, under a
// DevTools trace. Work per input is the main thread's busy time from the input to the next
// one: the handler, every effect and chart it sets off, and the style, layout and paint of
// the frame that shows them.
async function drag(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(url);
  await page.getByTestId('chart-cost').waitFor();
  await page.waitForTimeout(300);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing', transferMode: 'ReportEvents' });
  const longTasks = await page.evaluate(async (steps) => {
    const seen = [];
    const observer = new PerformanceObserver((list) => seen.push(...list.getEntries()));
    observer.observe({ type: 'longtask' });
    const slider = document.querySelector('[data-testid=users-slider]');
    const frame = () => new Promise(requestAnimationFrame);
    await frame();
    for (let i = 0; i < steps; i += 1) {
      performance.mark('bench:input');
      slider.value = String(300 + i * 2);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await frame();
      await frame();
    }
    performance.mark('bench:input');
    observer.disconnect();
    return seen.length;
  }, STEPS);
  await cdp.send('Tracing.end');
  await complete;
  await context.close();
  const marks = events.filter((e) => e.name === 'bench:input').sort((a, b) => a.ts - b.ts);
  const tid = marks[0].tid;
  const onMain = (e) => e.tid === tid && e.ph === 'X' && e.dur > 0;
  const tasks = events.filter((e) => onMain(e) && e.name === 'RunTask');
  const rendering = events.filter((e) => onMain(e) && RENDERING.has(e.name));
  const overlap = (list, a, b) => list.reduce((sum, e) => sum + Math.max(0, Math.min(b, e.ts + e.dur) - Math.max(a, e.ts)), 0);
  const busy = [];
  const render = [];
  for (let i = 0; i + 1 < marks.length; i += 1) {
    const [a, b] = [marks[i].ts, marks[i + 1].ts];
    busy.push(overlap(tasks, a, b) / 1000);
    render.push(overlap(rendering, a, b) / 1000);
  }
  const script = busy.map((t, i) => t - render[i]);
  return {
    p95: p95(busy),
    median: median(busy),
    scriptMedian: median(script),
    renderMedian: median(render),
    longTasks,
  };
}

const server = await serve();
const floorServer = await serve({ dir: join(import.meta.dirname, 'floor') });
const browser = await launch();
const url = `${server.url}#p=salesboy-ai&u=50`;
const row = (figure, value, budget, floor = '') =>
  console.log(`  ${figure.padEnd(62)} ${value.padStart(10)}   budget ${budget.padEnd(9)}${floor && `   empty page ${floor.padStart(8)}`}`.trimEnd());
console.log('browser benchmark (release build, headless Chromium, scenario salesboy-ai;');
console.log('"empty page" is benches/floor/ measured the same way on this machine):');
row('first-load transfer, all assets gzipped', `${transferKb().toFixed(1)} KB`, '≤ 150 KB');
// BENCH_ONLY=drag or BENCH_ONLY=load runs one half.
const only = process.env.BENCH_ONLY;
const ms = (t) => `${t.toFixed(0)} ms`;
if (only !== 'drag') {
  for (const throttle of [1, 4]) {
    const ours = await firstChart(browser, url, throttle);
    const floor = await firstChart(browser, floorServer.url, throttle);
    row(
      throttle === 1 ? `navigation to first chart painted, median of ${RUNS}` : `the same with 4× CPU throttling, median of ${RUNS}`,
      ms(ours),
      throttle === 1 ? '≤ 250 ms' : '≤ 600 ms',
      ms(floor),
    );
  }
}
if (only !== 'load') {
  const d = await drag(browser, url);
  const f = await drag(browser, floorServer.url);
  row(`main-thread work per slider input, p95 of ${STEPS}, 4× throttling`, `${d.p95.toFixed(1)} ms`, '≤ 8 ms', `${f.p95.toFixed(1)} ms`);
  console.log(`      median ${d.median.toFixed(1)} ms: script ${d.scriptMedian.toFixed(1)} ms, style, layout and paint ${d.renderMedian.toFixed(1)} ms`);
  console.log(`      empty page: median ${f.median.toFixed(1)} ms: script ${f.scriptMedian.toFixed(1)} ms, style, layout and paint ${f.renderMedian.toFixed(1)} ms`);
  row('long tasks (> 50 ms) during that drag', `${d.longTasks}`, '0', `${f.longTasks}`);
}
await browser.close();
await server.close();
await floorServer.close();
