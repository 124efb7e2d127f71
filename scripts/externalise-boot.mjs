// Trunk post-build hook: moves the loader trunk writes inline into index.html out into its
// own file, so that the Content Security Policy can forbid inline scripts altogether.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('externalise-boot: TRUNK_STAGING_DIR is not set; run me from trunk');
  process.exit(1);
}
const file = join(dir, 'index.html');
const html = readFileSync(file, 'utf8');
const inline = /<script type="module"(?: nonce="[^"]*")?>([\s\S]*?)<\/script>/;
const match = html.match(inline);
if (!match) {
  console.error('externalise-boot: no inline module script in index.html');
  process.exit(1);
}
const body = match[1].trim() + '\n';
const name = `boot-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(dir, name), body);
writeFileSync(file, html.replace(inline, `<script type="module" src="./${name}"></script>`));
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(readFileSync(file, 'utf8'))) {
  console.error('externalise-boot: an inline script is left in index.html');
  process.exit(1);
}
