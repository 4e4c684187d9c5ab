// The packages as a user gets them. The npm package: `npm pack`, installed from the tarball, then
// the installed `rmrb` run. Slow (npm resolves the dependencies, from its cache when it can).
// The .vsix: `npm run package`'s vsce command on the build `npm test` made, its files listed and
// its README read as VS Code's extension page shows it.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const windows = process.platform === 'win32';

function npm(args: string[], cwd: string) {
  const r = spawnSync(windows ? 'npm.cmd' : 'npm', args, { cwd, encoding: 'utf8', shell: windows, timeout: 110_000 });
  assert.equal(r.status, 0, `npm ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe('the npm package', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rmrb-pack-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('has no "files" in package.json: vsce refuses it beside .vscodeignore, so .npmignore lists what npm ships', () => {
    assert.equal(PACKAGE.files, undefined);
  });

  it('packs the built command line and language server, installs from the tarball, and its rmrb runs', () => {
    // --ignore-scripts: pack the build `npm test` has just made, rather than rebuild dist/ under
    // the other tests (prepack builds it for a real pack).
    const [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT));
    assert.deepEqual(packed.files.map((f: { path: string }) => f.path).sort(), ['LICENSE', 'README.md', 'dist/cli/rmrb.js', 'dist/server/serverMain.js', 'package.json']);

    // Everything the two programs need is bundled: they require Node's own modules only.
    for (const file of ['dist/cli/rmrb.js', 'dist/server/serverMain.js']) {
      const required = [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]);
      const foreign = required.filter((m) => !m.startsWith('node:') && !builtinModules.includes(m));
      assert.deepEqual(foreign, [], file);
    }

    const prefix = path.join(dir, 'installed');
    npm(['install', '--prefix', prefix, path.join(dir, packed.filename), '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], dir);
    const bin = (name: string) => path.join(prefix, 'node_modules', '.bin', windows ? `${name}.cmd` : name);
    const exec = (name: string, args: string[]) => spawnSync(bin(name), args, { cwd: dir, encoding: 'utf8', shell: windows, env: { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' } });

    const version = exec('rmrb', ['--version']);
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout, `${PACKAGE.version}\n`);
    assert.equal(exec('rmrb-language-server', ['--version']).stdout, `${PACKAGE.version}\n`);

    writeFileSync(path.join(dir, 'bad.rmrb'), '〖RQ/日期〗19930230〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n');
    const checked = exec('rmrb', ['check', 'bad.rmrb']);
    assert.equal(checked.status, 1, checked.stderr);
    assert.equal(checked.stdout, 'bad.rmrb:1:8: error invalid-date: RQ (日期) 19930230 is not a real day.\n');
  });
});

describe('the packaged extension (.vsix)', function () {
  this.timeout(120_000);
  let dir: string;
  let vsix: Map<string, Buffer>;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rmrb-vsix-'));
    // `npm run package` is the production build, then vsce: run its vsce command as written, on
    // the development build `npm test` has just made (rebuilding dist/ here would pull it from
    // under the other tests). That build holds source maps and the integration tests module: what
    // a stale dist/ would hold, and what the .vsix must leave out.
    const command = PACKAGE.scripts.package.split('&&').pop().trim().split(/\s+/);
    assert.equal(command[0], 'vsce');
    const out = command.indexOf('--out');
    assert.ok(out > 0, `no --out in ${PACKAGE.scripts.package}`);
    command[out + 1] = path.join(dir, 'rmrb-corpus.vsix');
    const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const r = spawnSync(process.execPath, [vsce, ...command.slice(1)], { cwd: ROOT, encoding: 'utf8', timeout: 110_000 });
    assert.equal(r.status, 0, `vsce ${command.slice(1).join(' ')}\n${r.stdout}\n${r.stderr}`);
    vsix = readZip(readFileSync(command[out + 1]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('holds what the extension runs on and nothing else: no source maps, tests, pictures or stale bundles', () => {
    assert.deepEqual([...vsix.keys()].sort(), [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/changelog.md',
      'extension/dist/browser/extension.js', // the web extension's client (package.json `browser`)
      'extension/dist/browser/server.js', // and its language server, a worker script
      'extension/dist/cli/rmrb.js', // the Export to JSON Lines command runs it
      'extension/dist/client/extension.js',
      'extension/dist/server/serverMain.js',
      'extension/l10n/bundle.l10n.zh-cn.json',
      'extension/language-configuration.json',
      'extension/package.json',
      'extension/package.nls.json',
      'extension/package.nls.zh-cn.json',
      'extension/readme.md',
      'extension/syntaxes/rmrb.tmLanguage.json',
    ]);
  });

  it("has a README whose pictures VS Code's extension page can load: absolute https links to pictures the repository has", () => {
    const source = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const packaged = vsix.get('extension/readme.md')!.toString('utf8');
    const images = (text: string) => [...text.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)|<img\s[^>]*src="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
    const sourceImages = images(source);
    assert.ok(sourceImages.length >= 4, 'the README shows its screenshots');
    for (const image of sourceImages) {
      // Relative, so that GitHub shows them from the clone; vsce makes them absolute.
      assert.match(image, /^docs\/images\/[\w-]+\.png$/);
      assert.ok(existsSync(path.join(ROOT, image)), `${image} is missing`);
    }
    const repository = PACKAGE.repository.url.replace(/\.git$/, '');
    assert.match(repository, /^https:\/\/github\.com\//);
    assert.deepEqual(images(packaged), sourceImages.map((image) => `${repository}/raw/HEAD/${image}`));
    // No relative link is left in the page either: it would lead nowhere from VS Code.
    const links = [...packaged.matchAll(/\]\(([^)\s]+)[^)]*\)/g)].map((m) => m[1]);
    assert.deepEqual(links.filter((link) => !/^(https:\/\/|#)/.test(link)), []);
  });
});

/** The files of a zip archive by name (stored or deflated entries, as vsce writes them). */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'not a zip archive');
  const count = zip.readUInt16LE(end + 10);
  let entry = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(entry), 0x02014b50, 'a broken central directory');
    const method = zip.readUInt16LE(entry + 10);
    const compressedSize = zip.readUInt32LE(entry + 20);
    const nameLength = zip.readUInt16LE(entry + 28);
    const extraLength = zip.readUInt16LE(entry + 30);
    const commentLength = zip.readUInt16LE(entry + 32);
    const local = zip.readUInt32LE(entry + 42);
    const name = zip.toString('utf8', entry + 46, entry + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressedSize);
    if (!name.endsWith('/')) files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    entry += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}
