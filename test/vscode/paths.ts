// Where things are in the clone.
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** The workspace the integration suite, `npm start` and the screenshots open (copied first). */
export const SAMPLE_WORKSPACE = path.join(REPO_ROOT, 'test', 'integration', 'workspace');
