// Running child programs: a clean environment, a run logged to a file in its own process group
// (ended by the process cleanup if this program ends first), and whether a command exists.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { trackGroup, untrackGroup } from './processCleanup';
import { lastLines } from './text';

/**
 * The environment for a child program (npm, the VS Code server): this one without the npm_*
 * variables of an enclosing `npm run`, with TMPDIR in a scratch folder.
 */
export function childEnv(scratch: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== 'INIT_CWD' && key !== 'NODE_OPTIONS') env[key] = value;
  }
  env.TMPDIR = scratch;
  env.npm_config_update_notifier = 'false';
  return env;
}

export function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export function runLogged(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }, logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    fs.appendFileSync(logFile, `\n$ (cd ${options.cwd} && ${command} ${args.join(' ')})\n`);
    const out = fs.openSync(logFile, 'a');
    const child = spawn(command, args, { ...options, stdio: ['ignore', out, out], detached: true });
    fs.closeSync(out);
    if (child.pid) trackGroup(child.pid);
    child.on('error', (error) => reject(new Error(`${command}: ${error.message}`)));
    child.on('exit', (code, signal) => {
      if (child.pid) untrackGroup(child.pid);
      if (code === 0) resolve();
      else {
        const tail = lastLines(fs.readFileSync(logFile, 'utf8'), 15);
        reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}) in ${options.cwd}:\n${tail}`));
      }
    });
  });
}
