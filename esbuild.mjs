// Builds the client, the Node language server, the command line and the integration tests module in one pass,
// and the web extension's client and server (esbuild.browser.mjs).
// Types are checked separately by `npm run typecheck` (esbuild only strips them).
import * as esbuild from 'esbuild';
import { existsSync, rmSync } from 'node:fs';
import { browserBuilds, browserTestBuild } from './esbuild.browser.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints esbuild's problems in the shape VS Code's $esbuild-watch problem matcher reads. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: watch ? [problemMatcher] : [],
};

const all = [
  { ...common, entryPoints: ['client/src/node/extension.ts'], outfile: 'dist/client/extension.js', external: ['vscode'] },
  {
    ...common,
    entryPoints: ['server/src/node/serverMain.ts'],
    outfile: 'dist/server/serverMain.js',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: ['server/src/node/cli.ts'],
    outfile: 'dist/cli/rmrb.js',
    banner: { js: '#!/usr/bin/env node' },
    // jsonc-parser's `main` is a UMD build whose requires esbuild cannot follow; its ESM build bundles.
    mainFields: ['module', 'main'],
  },
  {
    ...common,
    entryPoints: ['test/integration/index.ts'],
    outfile: 'dist/test/integration/index.js',
    external: ['vscode', 'mocha'],
    sourcemap: true,
    minify: false,
  },
  ...browserBuilds({ production }),
  browserTestBuild(),
];

// The integration tests module is not part of a packaged extension.
const builds = all.filter((b) => !(production && b.outfile.startsWith('dist/test/')) && b.entryPoints.every((e) => existsSync(e)));

// A production build is what gets packaged (`npm run package`, `npm pack`): it starts from an
// empty dist/, so that no bundle, source map or test build of an earlier run is left beside it.
if (production) rmSync('dist', { recursive: true, force: true });

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
