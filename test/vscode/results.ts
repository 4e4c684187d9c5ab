// The results protocol between the integration suite (test/integration/index.ts, run inside the
// extension host) and its two runners (runInCodeServer.ts, runInDesktop.ts): the suite writes its
// results to the JSON file named by the environment variable RESULTS_ENV, and a runner trusts
// that file, not VS Code's exit code alone (a dead extension host still reads as a pass there).
// The suite's bundle includes this module: it uses Node's built-ins only.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The environment variable through which the suite learns where to write its results. */
export const RESULTS_ENV = 'RMRB_TEST_RESULTS';
/** The first line the suite prints: the code-server runner shows the extension host's console from there on. */
export const TESTS_START_MARKER = '[rmrb-tests] start';
/**
 * The environment variable naming the suite to run: unset, the main suite; DISPLAY_LANGUAGE_SUITE,
 * the tests of a VS Code whose display language is Chinese (the runner starts that VS Code).
 */
export const SUITE_ENV = 'RMRB_TEST_SUITE';
export const DISPLAY_LANGUAGE_SUITE = 'display-language';
/** The main suite's tests that need no process of their own, with the extension as a web extension (runInCodeServer.ts --web). */
export const WEB_SUITE = 'web';

export interface TestFailure {
  /** The test's full title. */
  title: string;
  /** The assertion's message, and where in the suite it failed. */
  message: string;
}

export interface TestResults {
  passed: number;
  pending: number;
  failed: TestFailure[];
  /** Set when the suite could not load or mocha itself failed. */
  error?: string;
}

/** The extension host's environment that names the results file (extensionTestsEnv, extensionEnvironment). */
export function resultsEnvironment(file: string): Record<string, string> {
  return { [RESULTS_ENV]: file };
}

/** Writes the suite's results; returns the file, or undefined when no runner named one. */
export function writeResults(results: TestResults, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env[RESULTS_ENV];
  if (!file) return undefined;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Whole or not at all: a runner never reads half a file.
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, `${JSON.stringify(results, null, 2)}\n`);
  fs.renameSync(partial, file);
  return file;
}

/** What a runner found where the suite should have written. */
export type ResultsFile =
  | { state: 'written'; file: string; results: TestResults }
  | { state: 'missing'; file: string }
  | { state: 'invalid'; file: string; reason: string };

export function readResults(file: string): ResultsFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing', file };
    return { state: 'invalid', file, reason: (error as Error).message };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { state: 'invalid', file, reason: `not JSON: ${(error as Error).message}` };
  }
  const problem = shapeProblem(value);
  return problem ? { state: 'invalid', file, reason: problem } : { state: 'written', file, results: value as TestResults };
}

/** The results, when the file held them. */
export function writtenResults(file: ResultsFile): TestResults | undefined {
  return file.state === 'written' ? file.results : undefined;
}

function shapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const results = value as Record<string, unknown>;
  if (typeof results.passed !== 'number' || typeof results.pending !== 'number') return 'passed or pending is not a number';
  if (!Array.isArray(results.failed)) return 'failed is not a list';
  for (const failure of results.failed) {
    if (typeof failure?.title !== 'string' || typeof failure?.message !== 'string') return 'a failure has no title or message';
  }
  if (results.error !== undefined && typeof results.error !== 'string') return 'error is not text';
  return undefined;
}
