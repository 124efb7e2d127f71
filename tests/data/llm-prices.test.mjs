// The committed LLM prices are what the pinned genai-prices package gives: the check passes
// on assets/llm-catalogue.json and fails, naming the offer, on a copy with one rate changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCRIPT = join(ROOT, 'scripts/llm-prices.mjs');

const run = (...args) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });

test('assets/llm-catalogue.json equals what the pinned genai-prices gives', () => {
  const r = run('--check');
  assert.equal(r.status, 0, r.stderr);
});

test('a changed rate fails the check and is named', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'llm-prices-')), 'llm-catalogue.json');
  const cat = JSON.parse(readFileSync(join(ROOT, 'assets/llm-catalogue.json'), 'utf8'));
  const gemini = cat.providers.find((p) => p.id === 'gemini');
  const lite = gemini.offers.find((o) => o.id === 'gemini-2.5-flash-lite');
  // Gemini 2.5 Flash-Lite's input rate is $0.10 per 1M tokens in genai-prices 0.2.3.
  assert.equal(lite.metered[0].usd, 0.1);
  lite.metered[0].usd = 0.2;
  writeFileSync(file, JSON.stringify(cat, null, 2) + '\n');
  const r = run('--check', '--file', file);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /near gemini-2\.5-flash-lite/);
  assert.match(r.stderr, /committed "\\"usd\\": 0\.2,", package gives "\\"usd\\": 0\.1,"/);
});

test('every retired offer maps to an offer the file carries', () => {
  const cat = JSON.parse(readFileSync(join(ROOT, 'assets/llm-catalogue.json'), 'utf8'));
  const refs = new Set(cat.providers.flatMap((p) => p.offers.map((o) => `${p.id}/${o.id}`)));
  assert.ok(cat.retired.length >= 3);
  for (const r of cat.retired) {
    assert.ok(!refs.has(r.offer), `${r.offer} is still offered`);
    assert.ok(refs.has(r.replacement), `${r.replacement} is not offered`);
    assert.match(r.shutdown, /^\d{4}-\d{2}-\d{2}$/);
  }
});
