/**
 * Writes the temporary files of ./output's all-or-nothing writes as they are rendered. For many
 * files the writes go to a worker thread, so the kernel's time for them (most of a second for the
 * 3,900 files of a 1 MB study on ext4) is spent on the other core while the next files are
 * rendered; a few are written here. Either way the writes are synchronous and in order, and the
 * first that fails stops the rest. A temporary that would replace a file holding the same bytes is
 * not written (generating again after a small change rewrites only what changed).
 */
import * as fs from 'fs';
import { Worker } from 'worker_threads';

export interface FailedWrite {
  /** the write's place in the order of `write` calls */
  index: number;
  error: NodeJS.ErrnoException;
}

/** The file a temporary will replace, when it is a regular file: if it holds the same bytes already, the temporary is not written. */
export interface Replaced {
  path: string;
  size: number;
}

export interface Written {
  /** the first write that failed, if one did */
  failed?: FailedWrite;
  /** the writes left out because the file they would replace holds the same bytes: no temporary, nothing to rename */
  unchanged: Set<number>;
}

export interface TempWriter {
  /** `owned`: the content was rendered for this write and nothing else holds it, so its bytes may move to the writing thread rather than be copied */
  write(temp: string, content: string | Buffer, owned?: boolean, replaced?: Replaced): void;
  /** waits for every write */
  finish(): Promise<Written>;
}

/** From this many files on, a worker thread writes them (starting one takes some 30 ms). */
const WORKER_FROM = 64;

/**
 * Writes a temporary, or nothing when the file it will replace holds the same bytes; whether it
 * wrote. Also run by the worker thread from its source text, so it uses only its parameters and
 * Node's globals (and no nested functions, which a bundler may wrap).
 */
function writeTemp(files: Pick<typeof fs, 'readFileSync' | 'writeFileSync'>, temp: string, content: string | Uint8Array, replaced: Replaced | undefined): boolean {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  if (replaced && replaced.size === bytes.byteLength) {
    let existing: Buffer | undefined;
    try {
      existing = files.readFileSync(replaced.path);
    } catch {
      existing = undefined;
    }
    if (existing && existing.equals(bytes)) return false;
  }
  files.writeFileSync(temp, bytes);
  return true;
}

// plain JavaScript, run with `eval`, so the bundles need no file of their own
const WORKER_SOURCE = `
const { parentPort } = require('worker_threads');
const fs = require('fs');
const writeTemp = ${writeTemp.toString()};
let index = 0;
let failed;
const unchanged = [];
parentPort.on('message', (message) => {
  if (message === 'finish') return parentPort.postMessage({ failed, unchanged });
  const at = index++;
  if (failed) return;
  try {
    if (!writeTemp(fs, message.temp, message.content, message.replaced)) unchanged.push(at);
  } catch (error) {
    failed = { index: at, error: { code: error.code, message: error.message } };
  }
});
`;

function inlineWriter(): TempWriter {
  let index = 0;
  let failed: FailedWrite | undefined;
  const unchanged = new Set<number>();
  return {
    write(temp, content, _owned, replaced) {
      const at = index++;
      if (failed) return;
      try {
        if (!writeTemp(fs, temp, content, replaced)) unchanged.add(at);
      } catch (error) {
        failed = { index: at, error: error as NodeJS.ErrnoException };
      }
    },
    finish: async () => ({ failed, unchanged }),
  };
}

/** A buffer alone in its memory (not a slice of Node's shared pool), which can move to another thread. */
export function ownsItsMemory(content: string | Uint8Array): content is Uint8Array & { buffer: ArrayBuffer } {
  return typeof content !== 'string' && content.buffer instanceof ArrayBuffer && content.byteOffset === 0 && content.byteLength === content.buffer.byteLength;
}

function workerWriter(worker: Worker): TempWriter {
  let crashed: Error | undefined;
  worker.on('error', (error) => (crashed = error));
  return {
    write: (temp, content, owned, replaced) => worker.postMessage({ temp, content, replaced }, owned && ownsItsMemory(content) ? [content.buffer] : []),
    finish: () =>
      new Promise<Written>((resolve) => {
        const done = (result: Written) => {
          void worker.terminate();
          resolve(result);
        };
        if (crashed) return done({ failed: { index: 0, error: crashed }, unchanged: new Set() });
        worker.once('message', ({ failed, unchanged }: { failed?: { index: number; error: { code?: string; message: string } }; unchanged: number[] }) =>
          done({ failed: failed ? { index: failed.index, error: Object.assign(new Error(failed.error.message), { code: failed.error.code }) } : undefined, unchanged: new Set(unchanged) }),
        );
        worker.once('error', (error) => done({ failed: { index: 0, error }, unchanged: new Set() }));
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
