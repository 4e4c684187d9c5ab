// Installing a packaged .vsix into an extensions folder with the VS Code server's own CLI (what
// a person's `code --install-extension` does), for the screenshots of the packaged extension.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { childEnv } from './childProcesses';
import type { Prepared } from './provision';
import { lastLines } from './text';

/** Installs a packaged .vsix into an extensions folder with the VS Code server's CLI. */
export async function installVsix(prepared: Prepared, vsix: string, runDir: string, extensionsDir: string): Promise<void> {
  const tmp = path.join(runDir, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const result = spawnSync(
    prepared.node,
    [
      prepared.serverMain,
      '--install-extension', vsix,
      '--force',
      '--extensions-dir', extensionsDir,
      '--user-data-dir', path.join(runDir, 'user-data'),
      '--server-data-dir', path.join(runDir, 'server-data'),
      '--accept-server-license-terms',
    ],
    { encoding: 'utf8', env: { ...childEnv(tmp) }, timeout: 120_000 },
  );
  const text = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 || !/successfully installed/i.test(text)) {
    throw new Error(`installing ${vsix} failed (${result.signal ?? `exit ${result.status}`}):\n${lastLines(text, 10)}`);
  }
}
