// The outcome of a run of the integration suite, as data. Each runner ends with exactly one,
// prints the failed tests with their assertions, a one-line explanation of the outcome and the
// closing line `N passed, M failed`, and exits 0 only when every test passed.
import type { ExtensionHostExit } from './extensionHosts';
import { cleanup } from './processCleanup';
import type { ResultsFile, TestResults } from './results';
import type { RunFolder } from './runFolder';
import { indent } from './text';
import { seconds } from './wait';

export type RunOutcome =
  | { kind: 'passed'; results: TestResults }
  | { kind: 'tests-failed'; results: TestResults }
  /** The suite could not load, or mocha itself failed. */
  | { kind: 'suite-error'; results: TestResults; error: string }
  | { kind: 'extension-host-died'; deaths: ExtensionHostExit[]; serverLog: string; results?: TestResults }
  | { kind: 'suite-never-started'; lastLines: string[]; log: string }
  | { kind: 'no-results'; file: string; hint: string }
  | { kind: 'unusable-results'; file: string; reason: string }
  /** VS Code said the run failed, but the results show no failed test. */
  | { kind: 'failed-without-failures'; exit: string; results: TestResults }
  | {
      kind: 'timed-out';
      waitingFor: string;
      seconds: number;
      screenshot?: string;
      results?: TestResults;
      /** When the suite never started: the workbench's last lines, and the log that has them all. */
      neverStarted?: { lastLines: string[]; log: string };
    }
  | { kind: 'could-not-start'; what: string; reason: string; hint?: string }
  | { kind: 'interrupted'; reason: string; exitCode: number; results?: TestResults }
  | { kind: 'runner-error'; message: string };

/** What a runner saw of a run that came to an end by itself (no timeout, no interruption). */
export interface FinishedRun {
  results: ResultsFile;
  /** How VS Code reported the end: code 0 when the suite's run() resolved. */
  exit: { code: number | null; signal?: string | null };
  /** Extension hosts that died (code-server runner; the desktop runner cannot see them). */
  deaths?: ExtensionHostExit[];
  serverLog?: string;
  /** Whether the suite's start marker was seen, with the workbench's last lines if not (code-server runner). */
  suiteStarted?: { started: boolean; lastLines: string[]; log: string };
  /** What a missing results file most likely means for this runner. */
  noResultsHint: string;
}

export function classify(run: FinishedRun): RunOutcome {
  const results = run.results.state === 'written' ? run.results.results : undefined;
  if (run.deaths && run.deaths.length > 0) {
    return { kind: 'extension-host-died', deaths: run.deaths, serverLog: run.serverLog ?? '', results };
  }
  if (run.results.state === 'missing') {
    if (run.suiteStarted && !run.suiteStarted.started) {
      return { kind: 'suite-never-started', lastLines: run.suiteStarted.lastLines, log: run.suiteStarted.log };
    }
    return { kind: 'no-results', file: run.results.file, hint: run.noResultsHint };
  }
  if (run.results.state === 'invalid') return { kind: 'unusable-results', file: run.results.file, reason: run.results.reason };
  const written = run.results.results;
  if (written.error !== undefined && written.failed.length === 0) return { kind: 'suite-error', results: written, error: written.error };
  if (written.failed.length > 0) return { kind: 'tests-failed', results: written };
  if (run.exit.code !== 0 || run.exit.signal) {
    return { kind: 'failed-without-failures', exit: run.exit.signal ? `signal ${run.exit.signal}` : `exit code ${run.exit.code}`, results: written };
  }
  return { kind: 'passed', results: written };
}

/** The one line that says what happened, and the lines that back it up (if any). */
export function explain(outcome: RunOutcome): { line: string; details?: string } {
  switch (outcome.kind) {
    case 'passed': {
      const { passed, pending } = outcome.results;
      return { line: `✓ all ${passed} tests passed${pending > 0 ? ` (${pending} pending)` : ''}` };
    }
    case 'tests-failed': {
      const { passed, failed } = outcome.results;
      return { line: `✗ ${failed.length} of ${passed + failed.length} tests failed (their assertions are above)` };
    }
    case 'suite-error':
      return { line: `✗ the suite could not run: ${firstLine(outcome.error)}`, details: restLines(outcome.error) };
    case 'extension-host-died': {
      const [death] = outcome.deaths;
      const how = death.signal !== 'null' ? `killed by ${death.signal}` : `exit code ${death.code}`;
      return {
        line: `✗ the extension host died during the run (${how}); the workbench would have called that a pass`,
        details: [...outcome.deaths.map((d) => d.line), `see ${outcome.serverLog}`].join('\n'),
      };
    }
    case 'suite-never-started':
      return {
        line: `✗ the suite never started: the tests module did not load or was never run; the workbench's last lines (${outcome.log}):`,
        details: outcome.lastLines.join('\n'),
      };
    case 'no-results':
      return { line: `✗ the suite wrote no results file (${outcome.file}): ${outcome.hint}` };
    case 'unusable-results':
      return { line: `✗ the results file ${outcome.file} is unusable: ${outcome.reason}` };
    case 'failed-without-failures':
      return { line: `✗ VS Code reported a failure (${outcome.exit}) though the results show no failed test` };
    case 'timed-out':
      return {
        line:
          `✗ timed out after ${outcome.seconds} s waiting for ${outcome.waitingFor}` +
          (outcome.screenshot ? ` (screenshot: ${outcome.screenshot})` : '') +
          (outcome.neverStarted ? `; the suite never started; the workbench's last lines (${outcome.neverStarted.log}):` : ''),
        details: outcome.neverStarted?.lastLines.join('\n'),
      };
    case 'could-not-start':
      return {
        line: `✗ could not start ${outcome.what}: ${firstLine(outcome.reason)}`,
        details: [restLines(outcome.reason), outcome.hint].filter(Boolean).join('\n') || undefined,
      };
    case 'interrupted':
      return { line: `✗ ${outcome.reason} before the run finished` };
    case 'runner-error':
      return { line: `✗ the runner itself failed: ${firstLine(outcome.message)}`, details: restLines(outcome.message) };
  }
}

/** 0 only when every test passed. */
export function exitCode(outcome: RunOutcome): number {
  if (outcome.kind === 'passed') return 0;
  return outcome.kind === 'interrupted' ? outcome.exitCode : 1;
}

/**
 * Prints each failed test with its assertion, the outcome's explanation, and as the very last
 * line `N passed, M failed` (an outcome other than passed or tests-failed counts as one failure).
 * Returns the exit code.
 */
export function report(outcome: RunOutcome): number {
  const results = 'results' in outcome ? outcome.results : undefined;
  const failed = results?.failed ?? [];
  if (outcome.kind !== 'passed') console.log('');
  for (const failure of failed) {
    console.log(`✗ ${failure.title}`);
    console.log(indent(failure.message.trim()));
  }
  const { line, details } = explain(outcome);
  console.log(line);
  if (details) console.log(indent(details));
  const runFailure = outcome.kind === 'passed' || outcome.kind === 'tests-failed' ? 0 : 1;
  console.log(`${results?.passed ?? 0} passed, ${failed.length + runFailure} failed`);
  return exitCode(outcome);
}

export interface FinishOptions {
  run: RunFolder;
  /** Date.now() when the run began. */
  started: number;
  outcome: RunOutcome;
  /** Whether a failed run left anything worth keeping in its folder (logs, a screenshot). */
  worthKeeping: boolean;
  /** What to say of a kept folder, after its path. */
  keptNote?: string;
}

/**
 * Ends a run the same way for both runners: the folder of a failed run is kept, everything is
 * cleaned up, and the report is printed. Returns the exit code.
 */
export async function finishRun(options: FinishOptions): Promise<number> {
  const { run, outcome } = options;
  const keep = outcome.kind !== 'passed' && options.worthKeeping;
  if (keep) run.keep();
  await cleanup();
  if (keep) console.log(`run folder kept: ${run.dir}${options.keptNote ? ` ${options.keptNote}` : ''}`);
  console.log(`(${seconds(Date.now() - options.started)} s)`);
  return report(outcome);
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}

function restLines(text: string): string | undefined {
  const rest = text.split('\n').slice(1).join('\n').trim();
  return rest || undefined;
}
