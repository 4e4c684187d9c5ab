// Work over many files shared by threads: this one and `jobs - 1` workers running the same
// bundle, a batch of files at a time. Each file's result comes back with its index, so what
// the command writes is the same whatever `jobs` is. `rmrb check` and `rmrb export` both run
// on it; each names its work by a kind, which a worker looks up (runFileWorker).

import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/** The work on one file: never throws (a file it cannot do is a result saying so). */
export type FileWork<R> = (file: string, sniff: boolean) => Promise<R>;

/** What a worker is to do: a kind of work, and the options it is made with (sent by structured clone). */
export interface ThreadTask {
  kind: string;
  setup: unknown;
}

interface Batch {
  first: number;
  files: string[];
  /** Which of them to sniff as they are read (FoundFiles.unsniffed). */
  sniff: boolean[];
}

const FILES_PER_THREAD_AT_LEAST = 16;
const BATCH = 64;

/**
 * Runs `work` on every file, calling `done` once per file (in no particular order) with its
 * index. `jobs` threads at most, this one among them; fewer when there are too few files to be
 * worth a thread's start.
 */
export async function overFiles<R>(
  files: readonly string[],
  unsniffed: ReadonlySet<string>,
  jobs: number,
  task: ThreadTask,
  work: FileWork<R>,
  done: (index: number, result: R) => void,
): Promise<void> {
  const threads = Math.max(1, Math.min(jobs, Math.ceil(files.length / FILES_PER_THREAD_AT_LEAST)));
  if (threads === 1) {
    for (let i = 0; i < files.length; i++) done(i, await work(files[i], unsniffed.has(files[i])));
    return;
  }
  // Small batches keep every thread busy to the end; not so small that messages cost more than the work.
  const size = Math.max(1, Math.min(BATCH, Math.ceil(files.length / (threads * 8))));
  let next = 0;
  const take = (): Batch | undefined => {
    if (next >= files.length) return undefined;
    const list = files.slice(next, next + size);
    const batch = { first: next, files: list, sniff: list.map((f) => unsniffed.has(f)) };
    next += size;
    return batch;
  };
  const helpers = Array.from({ length: threads - 1 }, () => {
    const worker = new Worker(__filename, { workerData: { rmrbFileWorker: task } });
    return new Promise<void>((resolve, reject) => {
      let pending = 0;
      worker.on('message', (m: { first: number; results: R[] }) => {
        m.results.forEach((r, k) => done(m.first + k, r));
        const batch = take();
        if (batch) worker.postMessage(batch);
        else if (--pending === 0) void worker.terminate().then(() => resolve());
      });
      worker.on('error', reject);
      worker.on('exit', (code) => (code === 0 || next >= files.length ? resolve() : reject(new Error(`a worker thread stopped (exit code ${code})`))));
      // Two batches in hand: the next is there while this thread, busy with its own, has not yet
      // read the result of the last.
      for (; pending < 2; pending++) {
        const batch = take();
        if (!batch) break;
        worker.postMessage(batch);
      }
      if (pending === 0) void worker.terminate().then(() => resolve());
    });
  });
  // This thread works on batches too, yielding between them so the others' results come in.
  for (let batch = take(); batch; batch = take()) {
    for (let k = 0; k < batch.files.length; k++) done(batch.first + k, await work(batch.files[k], batch.sniff[k]));
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(helpers);
}

/**
 * In a worker thread started by overFiles: does the batches it is sent, with the work of its
 * task's kind. True when this is such a thread.
 */
export function runFileWorker(kinds: Record<string, (setup: never) => FileWork<unknown>>): boolean {
  if (isMainThread || !workerData?.rmrbFileWorker) return false;
  const task = workerData.rmrbFileWorker as ThreadTask;
  const work = kinds[task.kind](task.setup as never);
  parentPort!.on('message', async (batch: Batch) => {
    const results: unknown[] = [];
    for (let k = 0; k < batch.files.length; k++) results.push(await work(batch.files[k], batch.sniff[k]));
    parentPort!.postMessage({ first: batch.first, results });
  });
  return true;
}
