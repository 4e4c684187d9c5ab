// A real VS Code on a machine that reaches only the npm registry and Debian's packages.
//
// The npm package code-server contains the VS Code server and its web workbench; its Node
// extension host is the one a desktop Remote window uses, so the extension's client and its
// language server run there for real. This module prepares it once per machine (cached outside
// the clone), starts the VS Code server itself and drives Debian's Chromium with playwright-core.
// Shared by test/vscode/runInCodeServer.ts, scripts/start.ts and scripts/screenshots.ts.
import type { TestResults } from './results';
import { cleanup } from './processCleanup';
import type { RunFolder } from './runFolder';
import { indent } from './text';

export interface FinishOptions {
  run: RunFolder;
  /** Date.now() when the run began. */
  started: number;
  results: TestResults | undefined;
  problems: string[];
  /** The run-level problem a failing exit code gives, redundant when tests failed. */
  isExitProblem: (problem: string) => boolean;
  /** Whether a failed run left anything worth keeping in its folder. */
  worthKeeping: boolean;
  /** What to say of a kept folder, after its path. */
  keptNote?: string;
}

/**
 * Ends a run the same way for both runners: a failing exit explained by failed tests is not a
 * separate problem; the run folder of a failed run is kept; everything is cleaned up; and the
 * report ends with `N passed, M failed`. Returns the exit code.
 */
export async function finishRun(options: FinishOptions): Promise<number> {
  const { run, results } = options;
  let problems = options.problems;
  if (results && results.failed.length > 0) problems = problems.filter((p) => !options.isExitProblem(p));
  const failed = problems.length > 0 || !results || results.failed.length > 0;
  const keep = failed && options.worthKeeping;
  if (keep) run.keep();
  await cleanup();
  if (keep) console.log(`run folder kept: ${run.dir}${options.keptNote ? ` ${options.keptNote}` : ''}`);
  console.log(`(${Math.round((Date.now() - options.started) / 100) / 10} s)`);
  return report(results, problems);
}

/**
 * Prints each failed test with its assertion message, each run-level problem, and as the very
 * last line `N passed, M failed` (run-level problems count as failures). Returns the exit code.
 */
export function report(results: TestResults | undefined, problems: string[]): number {
  const failed = results?.failed ?? [];
  if (results?.error) problems = [...problems, `the tests module reported: ${results.error}`];
  if (failed.length > 0 || problems.length > 0) console.log('');
  for (const failure of failed) {
    console.log(`✗ ${failure.title}`);
    console.log(indent(failure.message.trim()));
  }
  for (const problem of problems) {
    console.log(`✗ run: ${problem.split('\n')[0]}`);
    const rest = problem.split('\n').slice(1).join('\n');
    if (rest) console.log(indent(rest));
  }
  const failures = failed.length + problems.length;
  console.log(`${results?.passed ?? 0} passed, ${failures} failed`);
  return failures === 0 ? 0 : 1;
}
