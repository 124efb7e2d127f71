#!/usr/bin/env node
// Records what a new catalogue edition changed: compares the catalogue at a git revision
// with the one in the working tree and writes the unit prices, minimums, credits and flat
// metered rates that differ into assets/price-history.json, under the working catalogue's
// `as_of`. A scenario priced with an earlier edition lists these changes when it opens.
//
//   node scripts/price-history.mjs <git-revision>     write the edition
//   node scripts/price-history.mjs <git-revision> --check   exit 1 if the file differs

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = ['assets/catalogue.json', 'assets/llm-catalogue.json'];
const historyPath = join(root, 'assets/price-history.json');

const [rev, flag] = process.argv.slice(2);
if (!rev) {
  console.error('usage: node scripts/price-history.mjs <git-revision> [--check]');
  process.exit(2);
}

function atRevision(path) {
  try {
    return execFileSync('git', ['show', `${rev}:${path}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

function providers(read) {
  const out = new Map();
  let asOf = null;
  for (const f of files) {
    const text = read(f);
    if (text === null) continue;
    const cat = JSON.parse(text);
    if (cat.as_of) asOf = cat.as_of;
    for (const p of cat.providers ?? []) {
      for (const o of p.offers) out.set(`${p.id}/${o.id}`, o);
    }
  }
  return { offers: out, asOf };
}

const range = (v) =>
  v === undefined || v === null ? { low: 0, high: 0 } : typeof v === 'number' ? { low: v, high: v } : Array.isArray(v) ? { low: v[0], high: v[1] } : { low: v.low, high: v.high };
const same = (a, b) => a.low === b.low && a.high === b.high;
const compact = (r) => (r.low === r.high ? r.low : [r.low, r.high]);
const round = (x) => Number(x.toPrecision(12));

const before = providers(atRevision);
const after = providers((f) => (existsSync(join(root, f)) ? readFileSync(join(root, f), 'utf8') : null));
if (!after.asOf) {
  console.error('the working catalogue has no as_of');
  process.exit(2);
}

const changes = [];
for (const [ref, o] of after.offers) {
  const old = before.offers.get(ref);
  if (!old) continue;
  for (const [what, field] of [['price', 'price_usd_per_month'], ['minimum', 'minimum_usd_per_month'], ['credit', 'credit_usd_per_month']]) {
    const a = range(old[field]);
    const b = range(o[field]);
    if (!same(a, b)) changes.push({ offer: ref, what, old: compact(a), new: compact(b) });
  }
  for (const m of o.metered ?? []) {
    if (m.tiers || m.overage === 'blocked') continue;
    const prev = (old.metered ?? []).find((x) => x.resource === m.resource && !x.tiers && x.overage !== 'blocked');
    if (!prev) continue;
    const per = m.per ?? 1;
    const scale = per / (prev.per ?? 1);
    const a = range(prev.usd);
    const oldUsd = { low: round(a.low * scale), high: round(a.high * scale) };
    const newUsd = range(m.usd);
    const oldIncluded = prev.included ?? 0;
    const newIncluded = m.included ?? 0;
    if (same(oldUsd, newUsd) && oldIncluded === newIncluded) continue;
    const c = { offer: ref, what: 'rate', resource: m.resource };
    if (per !== 1) c.per = per;
    c.old = compact(oldUsd);
    c.new = compact(newUsd);
    if (oldIncluded) c.old_included = oldIncluded;
    if (newIncluded) c.new_included = newIncluded;
    changes.push(c);
  }
}

const history = existsSync(historyPath) ? JSON.parse(readFileSync(historyPath, 'utf8')) : { editions: [] };
const editions = history.editions.filter((e) => e.edition !== after.asOf);
editions.push({ edition: after.asOf, changes });
const lines = ['{', '  "editions": ['];
editions.forEach((e, i) => {
  lines.push('    {');
  lines.push(`      "edition": ${JSON.stringify(e.edition)},`);
  if (e.changes.length === 0) {
    lines.push('      "changes": []');
  } else {
    lines.push('      "changes": [');
    e.changes.forEach((c, j) => lines.push(`        ${JSON.stringify(c)}${j + 1 < e.changes.length ? ',' : ''}`));
    lines.push('      ]');
  }
  lines.push(`    }${i + 1 < editions.length ? ',' : ''}`);
});
lines.push('  ]', '}', '');
const text = lines.join('\n');

if (flag === '--check') {
  const now = existsSync(historyPath) ? readFileSync(historyPath, 'utf8') : '';
  if (now !== text) {
    console.error(`assets/price-history.json does not record the changes since ${rev}: run node scripts/price-history.mjs ${rev}`);
    process.exit(1);
  }
} else {
  writeFileSync(historyPath, text);
  console.log(`${after.asOf}: ${changes.length} changes since ${rev}`);
}
