// Where things are in the clone.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** The workspace the integration suite, `npm start` and the screenshots open (copied first). */
export const SAMPLE_WORKSPACE = path.join(REPO_ROOT, 'test', 'integration', 'workspace');
/** The built extension and the built tests module (`npm run build`). */
export const EXTENSION_MAIN = path.join(REPO_ROOT, 'dist', 'client', 'extension.js');
export const TESTS_INDEX = path.join(REPO_ROOT, 'dist', 'test', 'integration', 'index.js');

/** Says which of the built files a run needs is missing, or undefined when none is. */
export function missingBuild(files: string[] = [EXTENSION_MAIN, TESTS_INDEX]): string | undefined {
  const missing = files.filter((file) => !fs.existsSync(file)).map((file) => path.relative(REPO_ROOT, file));
  return missing.length > 0 ? `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing: run \`npm run build\` first` : undefined;
}
