/**
 * Writes the temporary files of ./output's all-or-nothing writes as they are rendered. For many
 * files the writes go to a worker thread, so the kernel's time for them (most of a second for the
 * 3,900 files of a 1 MB study on ext4) is spent on the other core while the next files are
 * rendered; a few are written here. Either way the writes are synchronous and in order, and the
 * first that fails stops the rest.
 */
import * as fs from 'fs';
import { Worker } from 'worker_threads';

export interface FailedWrite {
  /** the write's place in the order of `write` calls */
  index: number;
  error: NodeJS.ErrnoException;
}

export interface TempWriter {
  write(temp: string, content: string | Buffer): void;
  /** waits for every write; the first that failed, if one did */
  finish(): Promise<FailedWrite | undefined>;
}

/** From this many files on, a worker thread writes them (starting one takes some 30 ms). */
const WORKER_FROM = 64;

// plain JavaScript, run with `eval`, so the bundles need no file of their own
const WORKER_SOURCE = `
const { parentPort } = require('worker_threads');
const fs = require('fs');
let index = 0;
let failed;
parentPort.on('message', (message) => {
  if (message === 'finish') return parentPort.postMessage(failed ?? null);
  const at = index++;
  if (failed) return;
  try {
    fs.writeFileSync(message.temp, message.content);
  } catch (error) {
    failed = { index: at, error: { code: error.code, message: error.message } };
  }
});
`;

function inlineWriter(): TempWriter {
  let index = 0;
  let failed: FailedWrite | undefined;
  return {
    write(temp, content) {
      const at = index++;
      if (failed) return;
      try {
        fs.writeFileSync(temp, content);
      } catch (error) {
        failed = { index: at, error: error as NodeJS.ErrnoException };
      }
    },
    finish: async () => failed,
  };
}

function workerWriter(worker: Worker): TempWriter {
  let crashed: Error | undefined;
  worker.on('error', (error) => (crashed = error));
  return {
    write: (temp, content) => worker.postMessage({ temp, content }),
    finish: () =>
      new Promise<FailedWrite | undefined>((resolve) => {
        const done = (result: FailedWrite | undefined) => {
          void worker.terminate();
          resolve(result);
        };
        if (crashed) return done({ index: 0, error: crashed });
        worker.once('message', (failed: { index: number; error: { code?: string; message: string } } | null) =>
          done(failed ? { index: failed.index, error: Object.assign(new Error(failed.error.message), { code: failed.error.code }) } : undefined),
        );
        worker.once('error', (error) => done({ index: 0, error }));
        worker.postMessage('finish');
      }),
  };
}

/** A writer for `count` temporaries. */
export function tempWriter(count: number): TempWriter {
  if (count < WORKER_FROM) return inlineWriter();
  try {
    return workerWriter(new Worker(WORKER_SOURCE, { eval: true }));
  } catch {
    return inlineWriter();
  }
}
