// A file's first bytes from this computer's disk, for the look for a corpus (workspaceCorpus.ts):
// only the bytes the first line needs, however big the file.

import * as fs from 'node:fs/promises';
import type { PrefixReader } from '../workspaceCorpus';
import { workspacePrefix } from '../workspaceCorpus';

export const diskPrefix: PrefixReader = async (uri, bytes) => {
  if (uri.scheme !== 'file') return workspacePrefix(uri, bytes);
  const handle = await fs.open(uri.fsPath, 'r');
  try {
    const buffer = new Uint8Array(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
};
