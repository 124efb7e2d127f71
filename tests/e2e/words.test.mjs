// Every label and message a founder reads, for every preset, checked for the words of an
// engineer or a parser and for figures written two ways: a hyphen for a minus sign, a band
// whose two ends read the same, a unit in brackets followed by another bracket.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, importRefused, open, pick, screenshot, setUsers, text, useApp } from './harness.mjs';

const app = useApp();

const PRESETS = (await readdir(join(ROOT, 'assets', 'presets')))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();

/** Each pattern a founder should never read, with what it stands for. */
const JARGON = [
  [/Most units/, '“Most units”: say what is counted (servers, instances)'],
  [/% used/, '“% used”: say “when this full”'],
  [/\)\s*\(/, 'two brackets in a row'],
  [/areas:/, 'a chart legend in code words'],
  [/month 0\b/i, '“month 0”: say “now”'],
  [/\d{20}|_[0-9a-f]{16}\.txt/, 'a file name of a guide'],
  [/(^|[^\p{L}\p{N}])-\$?\d+(\.\d+)?%?(?![\p{L}\d-])/u, 'a hyphen used as a minus sign'],
  [/\bexpected (ident|value)\b/, 'a parser’s words'],
  [/line \d+ column \d+/, 'a parser’s position'],
  [/(?<![\d.,$−])(−?\$?\d[\d,]*(?:\.\d+)?%?)–\1(?![\d.,%])/, 'a band whose ends read the same'],
];

/** Everything readable on the page: its text, with every <details> open, and the words of
 * its titles, labels and placeholders. */
async function words(page) {
  return page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    const parts = [document.body.innerText];
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [aria-valuetext]')) {
      for (const a of ['title', 'aria-label', 'placeholder', 'aria-valuetext']) {
        const v = el.getAttribute(a);
        if (v) parts.push(v);
      }
    }
    for (const o of document.querySelectorAll('option')) parts.push(o.textContent);
    // What only a printout shows: the assumptions and the stack.
    for (const el of document.querySelectorAll('.print-only')) parts.push(el.textContent);
    return parts.join('\n').replace(/\u2060/g, '');
  });
}

/** The lines of `body` that match a jargon pattern, each with why. */
function jargon(body) {
  const found = [];
  for (const line of body.split('\n')) {
    for (const [re, why] of JARGON) {
      if (re.test(line)) found.push(`${why}: “${line.trim().slice(0, 200)}”`);
    }
  }
  return [...new Set(found)];
}

test('the jargon patterns catch what they stand for', () => {
  for (const bad of [
    'Most units', 'Upgrade at % used', 'RAM (MB) (fixed)', 'areas: worst case / total, best case',
    'Break-even month: month 0', 'Reproduces 0000000000000000000000_cff16d75c7f1bc59.txt',
    'Margin -52%–-47.2%', 'expected ident at line 1 column 2', 'ROI 1,073%–1,073%', 'cost $24–$24',
  ]) {
    assert.notDeepEqual(jargon(bad), [], bad);
  }
  for (const good of ['−52% to −47%', 'ROI 1,070%', '$1,250–$4,050', 'Break-even: now', 'Basic 4 GB / 2 vCPU', 'pay-as-you-go', '2026-08-21', 'GPT-4o', 'text-embedding-3-small']) {
    assert.deepEqual(jargon(good), [], good);
  }
});

for (const id of PRESETS) {
  test(`${id}: every label and message is in a founder's words`, async () => {
    const { context, page, problems } = await open(app.browser, app.url);
    await pick(page, id);
    const found = jargon(await words(page));
    // Far past any ceiling: the warnings, huge figures and negative margins show.
    await setUsers(page, 1_000_000_000);
    found.push(...jargon(await words(page)));
    const variant = await page.getByTestId('variant-picker').evaluate(
      (el) => [...el.options].map((o) => o.value).find((v) => v !== ''),
    );
    if (variant) {
      await page.getByTestId('variant-picker').selectOption(variant);
      await page.getByTestId('compare-result').waitFor();
      found.push(...jargon(await words(page)));
    }
    assert.deepEqual([...new Set(found)], [], `${id} at ${await text(page, 'answers-users')} users`);
    await screenshot(page, `words-${id}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a damaged link and a file that is not a scenario are explained in plain words', async () => {
  const { context, page, problems } = await open(app.browser, `${app.url}#p=doesnotexist`);
  const notices = await text(page, 'notices');
  assert.match(notices, /This link names a built-in scenario “doesnotexist” that this version of Headroom does not have\. These exist: .*salesboy-ai/);
  assert.deepEqual(jargon(notices), []);
  const dir = await mkdtemp(join(tmpdir(), 'headroom-words-'));
  for (const [name, body, want] of [
    ['text.json', 'hello', /“text\.json” was not imported: this file is not a Headroom scenario: it is not JSON \(it starts with “hello”\)\. Export a scenario from Headroom and import that file\./],
    ['other.json', '{"hello":"world"}', /this file is JSON but not a Headroom scenario: it has no “users” or “components”/],
    ['ident.json', '{x: 1}', /this file is not valid JSON: there is a mistake on line 1, near “x: 1}”/],
    ['users.json', '{"schema_version":1,"name":"x","users":{"now":"abc","growth":{"kind":"monthly_pct","pct_per_month":1},"horizon_months":1,"active_share_pct":1,"concurrent_share_pct":1},"components":[],"revenue":{"conversion_pct":1,"price_usd_per_month":1}}', /the field “users\.now” must be a number; it is “abc”/],
  ]) {
    const said = await importRefused(page, dir, name, body);
    assert.match(said, want);
    assert.deepEqual(jargon(said), [], said);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('“Link copied.” is said beside the button, not at the top of the page', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
  for (const [button, status, want] of [
    ['copy-link', 'copy-link-status', 'Link copied.'],
    ['copy-embed', 'copy-embed-status', 'Embed code copied.'],
  ]) {
    await page.getByTestId(button).click();
    await page.waitForFunction(
      (id) => document.querySelector(`[data-testid=${id}]`)?.textContent.trim() !== '',
      status,
    );
    assert.equal(await text(page, status), want);
    assert.equal(await page.getByTestId(status).getAttribute('role'), 'status');
    // Right after the button that caused it.
    assert.equal(
      await page.getByTestId(button).evaluate((b) => b.nextElementSibling?.dataset.testid),
      status,
    );
    assert.doesNotMatch(await page.evaluate(() => document.querySelector('[data-testid=notices]')?.textContent ?? ''), /copied/);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
