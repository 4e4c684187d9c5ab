// A run folder: scratch space for one run (user data, server data, extensions, TMPDIR, logs),
// removed at cleanup unless the run failed; and the copy of the sample workspace a run opens.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SAMPLE_WORKSPACE } from './paths';
import { onCleanup } from './processCleanup';

export interface RunFolder {
  dir: string;
  /** Keep the folder (a failed run): it is not removed at cleanup. */
  keep(): void;
}

export function makeRunFolder(prefix: string): RunFolder {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `rmrb-corpus-${prefix}-`));
  let kept = false;
  onCleanup(() => {
    if (!kept) fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    keep: () => {
      kept = true;
    },
  };
}

/** Copies the sample workspace so that a run can change files and settings freely. */
export function copySampleWorkspace(destination: string): string {
  fs.cpSync(SAMPLE_WORKSPACE, destination, { recursive: true });
  return destination;
}
