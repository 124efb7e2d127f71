#!/usr/bin/env node
// Writes assets/llm-catalogue.json, the catalogue's LLM and embedding providers, from the
// pinned genai-prices package (pydantic's maintained price set) and the hand-kept selection
// in assets/llm-models.json: which models are offered, under which provider, with which
// meters, and which retired offers map to which replacement.
//
//   node scripts/llm-prices.mjs            write assets/llm-catalogue.json
//   node scripts/llm-prices.mjs --check    exit 1, naming the difference, when the committed
//                                          file is not what the pinned package gives
//   --file PATH                            check or write PATH instead
//
// The package is the PyPI wheel named in assets/llm-models.json, verified by its sha256.
// It is read from GENAI_PRICES_WHEEL, or from node_modules/.cache/genai-prices/, where pip
// downloads it when it is missing. Its price data is a generated Python module of plain
// constructor calls; this script reads it with a small parser of that literal syntax, so
// nothing of the package runs.

import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELECTION = join(ROOT, 'assets/llm-models.json');
const OUTPUT = join(ROOT, 'assets/llm-catalogue.json');

// ---- the wheel -------------------------------------------------------------------------

function wheelPath(pkg) {
  if (process.env.GENAI_PRICES_WHEEL) return process.env.GENAI_PRICES_WHEEL;
  const dir = join(ROOT, 'node_modules/.cache/genai-prices');
  const path = join(dir, pkg.wheel);
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    const args = ['-m', 'pip', 'download', `${pkg.name}==${pkg.version}`, '--no-deps',
      '--only-binary=:all:', '--quiet', '-d', dir];
    execFileSync('python3', args, { stdio: ['ignore', 'inherit', 'inherit'] });
  }
  return path;
}

/** The bytes of `name` inside the zip archive `zip`. */
function unzip(zip, name) {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('the wheel is not a zip archive');
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLen = zip.readUInt16LE(at + 28);
    const extraLen = zip.readUInt16LE(at + 30);
    const commentLen = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const entry = zip.toString('utf8', at + 46, at + 46 + nameLen);
    if (entry === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const body = zip.subarray(start, start + size);
      if (method === 0) return body;
      if (method === 8) return inflateRawSync(body);
      throw new Error(`${name}: compression method ${method} is not read here`);
    }
    at += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`the wheel has no ${name}`);
}

function packageData(pkg) {
  const path = wheelPath(pkg);
  const bytes = readFileSync(path);
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== pkg.sha256) {
    throw new Error(`${path} has sha256 ${sha}; assets/llm-models.json pins ${pkg.sha256}`);
  }
  const source = unzip(bytes, 'genai_prices/data.py').toString('utf8');
  const start = source.indexOf('providers: list[Provider] = ');
  if (start < 0) throw new Error('genai_prices/data.py has no providers list');
  return parsePython(source, start + 'providers: list[Provider] = '.length);
}

// ---- Python literals -------------------------------------------------------------------
// Calls become { $: 'Name', ...keyword arguments, args: [positional] }; Decimal('0.1') a
// number; datetime.date(2026, 6, 1) the string '2026-06-01'.

function parsePython(text, from) {
  let i = from;
  const space = () => {
    for (;;) {
      while (i < text.length && /\s/.test(text[i])) i++;
      if (text[i] === '#') while (i < text.length && text[i] !== '\n') i++;
      else return;
    }
  };
  const fail = (what) => {
    throw new Error(`genai_prices/data.py at ${i}: ${what}: ${JSON.stringify(text.slice(i, i + 40))}`);
  };
  const expect = (ch) => {
    space();
    if (text[i] !== ch) fail(`expected ${ch}`);
    i++;
  };
  const string = () => {
    const q = text[i++];
    let out = '';
    while (text[i] !== q) {
      if (i >= text.length) fail('unterminated string');
      if (text[i] === '\\') {
        const c = text[i + 1];
        const simple = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };
        if (c in simple) { out += simple[c]; i += 2; }
        else if (c === 'x') { out += String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16)); i += 4; }
        else if (c === 'u') { out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)); i += 6; }
        else { out += '\\' + c; i += 2; }
      } else out += text[i++];
    }
    i++;
    return out;
  };
  const seq = (close, item) => {
    const out = [];
    for (;;) {
      space();
      if (text[i] === close) { i++; return out; }
      out.push(item());
      space();
      if (text[i] === ',') i++;
      else if (text[i] !== close) fail(`expected , or ${close}`);
    }
  };
  const value = () => {
    space();
    const c = text[i];
    if (c === "'" || c === '"') {
      let s = string();
      for (;;) {
        space();
        if (text[i] === "'" || text[i] === '"') s += string();
        else return s;
      }
    }
    if (c === '[') { i++; return seq(']', value); }
    if (c === '(') { i++; return seq(')', value); }
    if (c === '{') {
      i++;
      return Object.fromEntries(seq('}', () => {
        const k = value();
        expect(':');
        return [k, value()];
      }));
    }
    const num = /^-?\d+(\.\d+)?/.exec(text.slice(i, i + 40));
    if (num) { i += num[0].length; return Number(num[0]); }
    const name = /^[A-Za-z_][\w.]*/.exec(text.slice(i, i + 80));
    if (!name) fail('unexpected text');
    i += name[0].length;
    space();
    if (text[i] !== '(') {
      const consts = { True: true, False: false, None: null };
      return name[0] in consts ? consts[name[0]] : { $: name[0] };
    }
    i++;
    const call = { $: name[0], args: [] };
    seq(')', () => {
      space();
      const kw = /^([A-Za-z_]\w*)\s*=(?!=)/.exec(text.slice(i, i + 80));
      if (kw) { i += kw[0].length; call[kw[1]] = value(); } else call.args.push(value());
      return null;
    });
    if (call.$ === 'Decimal') return Number(call.args[0]);
    if (call.$ === 'datetime.date') {
      const [y, m, d] = call.args;
      return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    }
    return call;
  };
  return value();
}

// ---- the catalogue's providers -----------------------------------------------------------

/** The prices in force on `day`: of conditional prices, the last one started by then. */
function pricesOn(model, day) {
  const p = model.prices;
  if (!Array.isArray(p)) return { now: p, later: [] };
  let now = p[0].prices;
  for (const c of p) {
    const start = c.constraint?.start_date;
    if (c.constraint && c.constraint.$ !== 'StartDateConstraint') continue;
    if (!start || start <= day) now = c.prices;
  }
  const later = p.filter((c) => c.constraint?.start_date > day);
  return { now, later };
}

const base = (v) => (v && typeof v === 'object' ? v.base : v);
const usd = (v) => (Number.isInteger(Math.round(v * 1e6) / 1e4) ? `$${v.toFixed(2)}` : `$${Number(v.toFixed(6))}`);

function tierWords(prices) {
  const tiered = ['input_mtok', 'output_mtok'].filter((k) => prices[k]?.$ === 'TieredPrices');
  if (!tiered.length) return '';
  const start = prices[tiered[0]].tiers[0].start;
  const at = (k) => (prices[k]?.$ === 'TieredPrices' ? usd(prices[k].tiers[0].price) : usd(base(prices[k])));
  return `Prompts over ${start.toLocaleString('en-US')} tokens cost ${at('input_mtok')} in / ${at('output_mtok')} out per 1M; the rates here are for shorter prompts.`;
}

function offerFor(selection, pick, model, provider, pkg) {
  const { now, later } = pricesOn(model, pkg.prices_on);
  const field = `${selection.id}/${pick.id} (${provider.id}/${model.id})`;
  const rate = (key) => {
    const v = base(now[key]);
    if (typeof v !== 'number') throw new Error(`${field}: genai-prices gives no ${key}`);
    return v;
  };
  const metered = [];
  const notes = [];
  if (selection.role === 'embeddings') {
    metered.push({ resource: 'embedding_tokens_per_month', usd: rate('input_mtok'), per: 1000000, included: 0 });
  } else {
    const cached = typeof base(now.cache_read_mtok) === 'number' ? rate('cache_read_mtok') : null;
    metered.push({ resource: 'input_tokens_per_month', usd: rate('input_mtok'), per: 1000000, included: 0 });
    metered.push({ resource: 'cached_input_tokens_per_month', usd: cached ?? rate('input_mtok'), per: 1000000, included: 0 });
    metered.push({ resource: 'output_tokens_per_month', usd: rate('output_mtok'), per: 1000000, included: 0 });
    if (cached === null) notes.push('No cache-read rate: repeated prompt tokens bill at the input rate.');
    const tiers = tierWords(now);
    if (tiers) notes.push(tiers);
  }
  for (const c of later) {
    const p = c.prices;
    notes.push(selection.role === 'embeddings'
      ? `From ${c.constraint.start_date}: ${usd(base(p.input_mtok))} per 1M tokens.`
      : `From ${c.constraint.start_date}: ${usd(base(p.input_mtok))} in / ${usd(base(p.output_mtok))} out per 1M tokens.`);
  }
  const deprecated = Boolean(model.deprecated || pick.deprecated);
  if (pick.lifecycle_note) notes.push(pick.lifecycle_note);
  else if (model.deprecated) notes.push('genai-prices marks this model deprecated.');
  if (pick.replacement) {
    const to = selection.models.find((m) => m.id === pick.replacement);
    if (!to) throw new Error(`${field}: replacement ${pick.replacement} is not offered`);
  }
  const offer = {
    id: pick.id,
    name: pick.name,
    price_usd_per_month: 0,
    metered,
    source_url: selection.source_url,
    source_title: selection.source_title,
    checked: pkg.released,
    evidence: 'official_page',
    evidence_note: `From ${pkg.name} ${pkg.version} (pydantic's maintained price set, model ${model.id}), which tracks this page; not re-read on the page itself.`,
    confidence: 'medium',
  };
  if (deprecated) offer.deprecated = true;
  if (pick.shutdown) offer.shutdown = pick.shutdown;
  if (pick.replacement) offer.successor = pick.replacement;
  if (notes.length) offer.note = notes.join(' ');
  return offer;
}

export function generate(selectionText, data) {
  const sel = JSON.parse(selectionText);
  const pkg = sel.package;
  const providers = sel.providers.map((s) => {
    const provider = data.find((p) => p.id === s.package_provider);
    if (!provider) throw new Error(`genai-prices has no provider ${s.package_provider}`);
    const offers = s.models.map((pick) => {
      const model = provider.models.find((m) => m.id === pick.package_model);
      if (!model) throw new Error(`genai-prices ${provider.id} has no model ${pick.package_model}`);
      return offerFor(s, pick, model, provider, pkg);
    });
    return {
      id: s.id,
      name: s.name,
      role: s.role,
      meters: sel[s.meters],
      default_offer: s.default_offer,
      official_domains: s.official_domains,
      offers,
      note: s.note,
    };
  });
  const refs = new Set(providers.flatMap((p) => p.offers.map((o) => `${p.id}/${o.id}`)));
  for (const r of sel.retired) {
    if (refs.has(r.offer)) throw new Error(`${r.offer} is retired but still offered`);
    if (!refs.has(r.replacement)) throw new Error(`${r.offer}: replacement ${r.replacement} is not offered`);
  }
  const out = {
    about: `Generated by scripts/llm-prices.mjs from ${pkg.name} ${pkg.version} and assets/llm-models.json; do not edit by hand.`,
    generated_from: `${pkg.name} ${pkg.version}`,
    prices_on: pkg.prices_on,
    providers,
    retired: sel.retired,
  };
  return JSON.stringify(out, null, 2) + '\n';
}

/** The first lines where `have` and `want` differ, with the offer each falls in. */
function difference(have, want) {
  const a = have.split('\n');
  const b = want.split('\n');
  const out = [];
  let where = '';
  for (let k = 0; k < Math.max(a.length, b.length) && out.length < 6; k++) {
    const id = /"id": "([^"]+)"/.exec(b[k] ?? '');
    if (id) where = id[1];
    if (a[k] !== b[k]) {
      out.push(`line ${k + 1} (near ${where}): committed ${JSON.stringify((a[k] ?? '').trim())}, package gives ${JSON.stringify((b[k] ?? '').trim())}`);
    }
  }
  return out.join('\n');
}

function main(argv) {
  const check = argv.includes('--check');
  const f = argv.indexOf('--file');
  const target = f >= 0 ? resolve(argv[f + 1]) : OUTPUT;
  const selectionText = readFileSync(SELECTION, 'utf8');
  const want = generate(selectionText, packageData(JSON.parse(selectionText).package));
  if (!check) {
    writeFileSync(target, want);
    console.log(`wrote ${target} (${want.length} bytes)`);
    return 0;
  }
  const have = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (have === want) {
    console.log(`${target} matches the pinned package`);
    return 0;
  }
  console.error(`${target} differs from what the pinned package gives; run node scripts/llm-prices.mjs\n${difference(have, want)}`);
  return 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(e.message);
    process.exitCode = 2;
  }
}
