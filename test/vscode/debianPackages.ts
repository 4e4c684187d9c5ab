// Debian's packages the VS Code server and the browser need (Chromium, libkrb5-dev, fonts):
// installed with apt-get when running as root, otherwise named in the error with the command.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { commandExists } from './childProcesses';
import { consoleLog, lastLines, type Log } from './text';

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM = '/usr/bin/chromium';

function debianPackageInstalled(name: string): boolean {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

/**
 * Installs the Debian packages that are missing when running as root; otherwise throws with
 * the command to run.
 */
export function ensureDebianPackages(names: string[], log: Log = consoleLog): void {
  const hasDpkg = commandExists('dpkg-query');
  const missing = names.filter((name) =>
    name === 'chromium' ? !fs.existsSync(CHROMIUM) : hasDpkg ? !debianPackageInstalled(name) : !commandExists(name),
  );
  if (missing.length === 0) return;
  const command = `apt-get install -y ${missing.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !commandExists('apt-get')) {
    throw new Error(`missing Debian packages: ${missing.join(', ')}. Install them as root: ${command}`);
  }
  log(`  ${command}`);
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-q', ...missing], {
      encoding: 'utf8',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  let result = install();
  if (result.status !== 0) {
    log('  apt-get update');
    spawnSync('apt-get', ['update', '-q'], { stdio: 'ignore' });
    result = install();
  }
  const still = missing.filter((name) => (name === 'chromium' ? !fs.existsSync(CHROMIUM) : !debianPackageInstalled(name)));
  if (result.status !== 0 || still.length > 0) {
    throw new Error(`could not install ${still.join(', ') || missing.join(', ')}: ${lastLines(`${result.stdout}${result.stderr}`, 5)}`);
  }
}
