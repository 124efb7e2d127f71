// Prints the release bundle's sizes, raw and gzipped: wasm, JS, CSS, HTML and the total.
// With `--max-kb N` it fails when the first-load transfer (every file, gzipped) is over
// N KB: sizes are deterministic, so this is the one performance figure the tests hold.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const flag = args.indexOf('--max-kb');
const maxKb = flag >= 0 ? Number(args[flag + 1]) : null;
if (flag >= 0) args.splice(flag, 2);
const dir = args[0] ?? 'dist';
// The goal of the performance work (see the README's Performance section).
const GOAL_KB = 300;
const groups = new Map();
const walk = (d) => {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else {
      const kind = extname(name).slice(1) || 'other';
      const body = readFileSync(p);
      const g = groups.get(kind) ?? { raw: 0, gz: 0, files: 0 };
      g.raw += body.length;
      g.gz += gzipSync(body, { level: 9 }).length;
      g.files += 1;
      groups.set(kind, g);
    }
  }
};
walk(dir);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let raw = 0;
let gz = 0;
console.log(`bundle sizes in ${dir}/ (gzip -9):`);
for (const kind of ['wasm', 'js', 'css', 'html', ...[...groups.keys()].filter((k) => !['wasm', 'js', 'css', 'html'].includes(k))]) {
  const g = groups.get(kind);
  if (!g) continue;
  raw += g.raw;
  gz += g.gz;
  console.log(`  ${kind.padEnd(5)} ${kb(g.raw).padStart(10)} raw  ${kb(g.gz).padStart(9)} gzipped  (${g.files} file${g.files > 1 ? 's' : ''})`);
}
console.log(`  total ${kb(raw).padStart(10)} raw  ${kb(gz).padStart(9)} gzipped`);
console.log(`  goal ${GOAL_KB} KB gzipped: ${gz / 1024 <= GOAL_KB ? 'met' : 'not met'}`);
if (maxKb !== null) {
  if (!(gz / 1024 <= maxKb)) {
    console.error(`the first-load transfer is ${kb(gz)} gzipped, over the ${maxKb} KB this build may not exceed`);
    process.exit(1);
  }
  console.log(`  under the ${maxKb} KB ceiling the tests hold`);
}
