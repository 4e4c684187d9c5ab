// `npm run docs`: writes what users read about the diagnostics outside the code from the
// catalogue (which the rules' registry builds): the severity setting's schema in package.json
// and the README's table. A rule's module is then the one place its code and severity are
// written; test/core/diagnostics/catalogue.test.ts fails when these files lag behind it.

import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../server/src/diagnostics/catalogue';

const ROOT = path.join(__dirname, '..');
const LEVELS = ['error', 'warning', 'information', 'hint', 'off'];
const rules = allRules();

const manifestPath = path.join(ROOT, 'package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const schema = manifest.contributes.configuration.properties['rmrb.diagnostics.severity'];
schema.properties = Object.fromEntries(rules.map((r) => [r.code, { type: 'string', enum: LEVELS }]));
writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');

// The README's rows keep the words written for them; a new code gets its summary.
const readmePath = path.join(ROOT, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const HEAD = '| code | severity | what it finds |\n|---|---|---|\n';
const start = readme.indexOf(HEAD);
if (start < 0) throw new Error('README.md has no diagnostics table');
let end = start + HEAD.length;
const written = new Map<string, string>();
for (const m of readme.slice(end).matchAll(/^\| `([a-z-]+)` \| \w+ \| (.*) \|\n/gm)) {
  if (m.index !== end - (start + HEAD.length)) break; // the table ends at the first line that is no row
  written.set(m[1], m[2]);
  end += m[0].length;
}
const level = (s: string) => s[0].toUpperCase() + s.slice(1);
const plain = (s: string) => s[0].toLowerCase() + s.slice(1).replace(/\.$/, '');
const rows = rules.map((r) => `| \`${r.code}\` | ${level(r.severity)} | ${written.get(r.code) ?? plain(r.summary.en)} |\n`).join('');
writeFileSync(readmePath, readme.slice(0, start) + HEAD + rows + readme.slice(end));
console.log(`package.json and README.md list ${rules.length} diagnostics.`);
