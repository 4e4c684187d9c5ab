// The web extension's two bundles, for esbuild.mjs and for test/cli/browserBundle.test.ts (which
// builds them again, minified, to check what they import and how big the server is). Modelled on
// VS Code's html-language-features esbuild.browser.mts: the client a CommonJS module for the web
// extension host, the server a classic worker script (IIFE), both for the browser, no Node shims.

/** @param {{ production: boolean }} options */
export function browserBuilds({ production }) {
  const common = {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    // The Chinese messages as UTF-8, not \u escapes (a worker script is read as UTF-8).
    charset: 'utf8',
    // jsonc-parser's `main` is a UMD build whose requires esbuild cannot follow; its ESM build bundles.
    mainFields: ['browser', 'module', 'main'],
  };
  return [
    { ...common, entryPoints: ['client/src/browser/extension.ts'], outfile: 'dist/browser/extension.js', format: 'cjs', external: ['vscode'] },
    { ...common, entryPoints: ['server/src/browser/serverMain.ts'], outfile: 'dist/browser/server.js', format: 'iife' },
  ];
}

/**
 * The integration suite's tests module for the browser's extension host (npm run test:web): the
 * same suite, with mocha's browser build bundled and Node's modules replaced by
 * test/integration/web/ (an assert of its own, and stubs for the tests the web suite leaves out).
 */
export function browserTestBuild() {
  const noNode = './test/integration/web/noNode.ts';
  return {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'cjs',
    charset: 'utf8',
    logLevel: 'warning',
    sourcemap: 'inline',
    entryPoints: ['test/integration/index.ts'],
    outfile: 'dist/test/browser/index.js',
    external: ['vscode'],
    alias: { mocha: 'mocha/mocha.js', 'node:assert/strict': './test/integration/web/assert.ts', 'node:fs': noNode, 'node:os': noNode, 'node:path': noNode },
  };
}
