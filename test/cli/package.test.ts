// The npm package as a user gets it: `npm pack`, installed from the tarball, then the installed
// `rmrb` run. Slow (npm resolves the dependencies, from its cache when it can).

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

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
