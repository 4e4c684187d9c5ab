// The core boundary: the language core under server/src runs anywhere (Node, a browser
// worker, a CLI). Only server/src/lsp/, server/src/node/ and server/src/browser/ may use
// `vscode-languageserver` (the bare package or an entry of it), and only server/src/node/ Node's
// built-in modules; `vscode-languageserver-types` is allowed everywhere. The browser bundles
// themselves are checked after the build (test/cli/browserBundle.test.ts).

import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';

const SRC = path.join(__dirname, '..', '..', 'server', 'src');
const ALLOWED_DIRS = ['lsp', 'node', 'browser'].map((d) => path.join(SRC, d) + path.sep);
const NODE_DIR = path.join(SRC, 'node') + path.sep;

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, m.split('/')[0]]));

/** Every module specifier a TypeScript source imports, exports from, requires or imports dynamically. */
export function importsOf(source: string): string[] {
  // Comments may mention modules; they import nothing.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const out: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?(?:\*|\{[^}]*\})(?:\s+as\s+\w+)?\s+from\s+['"]([^'"]+)['"]/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bimport\s+\w+\s*=\s*require\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (let m = re.exec(code); m; m = re.exec(code)) out.push(m[1]);
  return [...new Set(out)];
}

/** Why a specifier is not allowed in the core, or undefined when it is. */
export function forbidden(spec: string): string | undefined {
  if (spec.startsWith('.')) return undefined;
  if (spec === 'vscode' || spec.startsWith('vscode/')) return 'the VS Code API';
  if (spec === 'vscode-languageserver' || spec === 'vscode-languageserver/node' || spec.startsWith('vscode-languageserver/node/')) return 'the LSP server library';
  if (spec === 'vscode-languageclient' || spec.startsWith('vscode-languageclient/')) return 'the LSP client library';
  if (spec.startsWith('node:')) return 'a Node built-in';
  if (BUILTINS.has(spec) || BUILTINS.has(spec.split('/')[0])) return 'a Node built-in';
  return undefined;
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

describe('architecture: the core boundary', () => {
  const core = sources(SRC).filter((f) => !ALLOWED_DIRS.some((d) => f.startsWith(d)));

  it('finds the core sources', () => {
    const rel = core.map((f) => path.relative(SRC, f).split(path.sep).join('/'));
    for (const f of ['languageService.ts', 'types.ts', 'parser/scanner.ts', 'parser/recordParser.ts', 'features/diagnostics.ts']) assert.ok(rel.includes(f), f);
  });

  it('no core file imports vscode, vscode-languageserver or a Node module', () => {
    const bad: string[] = [];
    for (const file of core) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const why = forbidden(spec);
        if (why) bad.push(`${path.relative(SRC, file)} imports '${spec}' (${why})`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('core files import each other only inside server/src, never the server or node layers', () => {
    const bad: string[] = [];
    for (const file of core) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = path.resolve(path.dirname(file), spec);
        if (!target.startsWith(SRC + path.sep)) bad.push(`${path.relative(SRC, file)} reaches outside server/src: '${spec}'`);
        else if (ALLOWED_DIRS.some((d) => (target + path.sep).startsWith(d))) bad.push(`${path.relative(SRC, file)} imports the platform layer: '${spec}'`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('the core does not reach for Node globals', () => {
    const bad: string[] = [];
    for (const file of core) {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      for (const g of ['process.', 'Buffer.', '__dirname', '__filename', 'require(']) if (code.includes(g)) bad.push(`${path.relative(SRC, file)} uses ${g}`);
    }
    assert.deepEqual(bad, []);
  });

  it('the LSP glue and the browser server import no Node module, nor the Node layer', () => {
    const bad: string[] = [];
    for (const file of sources(SRC).filter((f) => !f.startsWith(NODE_DIR))) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (spec.startsWith('.')) {
          if ((path.resolve(path.dirname(file), spec) + path.sep).startsWith(NODE_DIR)) bad.push(`${path.relative(SRC, file)} imports the Node layer: '${spec}'`);
        } else if (forbidden(spec) === 'a Node built-in' || spec === 'vscode-languageserver/node' || spec.startsWith('vscode-languageserver/node/')) {
          bad.push(`${path.relative(SRC, file)} imports '${spec}'`);
        }
      }
    }
    assert.deepEqual(bad, []);
  });

  describe('the checker itself', () => {
    it('reads every import form', () => {
      const src = [
        "import * as fs from 'fs';",
        "import type { X } from 'vscode';",
        "import { a,\n  b } from 'node:path';",
        "import 'vscode-languageserver/node';",
        "export * from 'os';",
        "export { y } from './local';",
        "const c = require('child_process');",
        "const d = await import('vscode-languageserver');",
        "import e = require('crypto');",
        "// import x from 'http'",
        "/* import y from 'https' */",
        "const url = 'http://example.com'; import z from 'vscode-languageserver-types';",
      ].join('\n');
      assert.deepEqual(importsOf(src).sort(), ['./local', 'child_process', 'crypto', 'fs', 'node:path', 'os', 'vscode', 'vscode-languageserver', 'vscode-languageserver-types', 'vscode-languageserver/node'].sort());
    });

    it('tells allowed from forbidden', () => {
      for (const ok of ['vscode-languageserver-types', 'vscode-languageserver-textdocument', './x', '../y/z']) assert.equal(forbidden(ok), undefined, ok);
      for (const bad of ['vscode', 'vscode-languageserver', 'vscode-languageserver/node', 'node:fs', 'fs', 'fs/promises', 'path', 'os', 'crypto', 'worker_threads', 'util']) {
        assert.ok(forbidden(bad), bad);
      }
    });
  });
});
