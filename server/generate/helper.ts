/**
 * `generate all` on two cores, for the CLI: a worker thread loads the CLI again, reads the study
 * itself and renders the kinds of HELPER_KINDS (chart.xlsx in exceljs, the guides, the blueprint
 * and the JSON: about half the work), while the main thread renders the others and writes every
 * file. The helper sends its file names first, so every target is still checked before anything
 * is written, then each file's content as it is rendered. If the helper cannot start or fails,
 * the main thread renders its kinds itself: the files are the same either way.
 */
import { parentPort, Worker, workerData } from 'worker_threads';
import { configuredModel } from '../checks/lint';
import { diskHost } from '../common/diskHost';
import { Finding } from '../common/finding';
import { StudyModel } from '../model/model';
import { Program } from '../model/program';
import { ownsItsMemory } from './tempWriter';

export const HELPER_KINDS: readonly string[] = ['chart', 'guides', 'blueprint', 'json'];

/** Below this much study text the helper's start (loading the CLI, reading the study again) costs more than it saves. */
export const HELPER_FROM_BYTES = 150_000;

/** A file as ./output plans it: named first, rendered when its turn comes. */
export interface NamedFile {
  name: string;
  content: () => Promise<string | Buffer>;
}

type Plan = (model: StudyModel, findings: Finding[], kinds: readonly string[]) => NamedFile[];

interface HelperTask {
  study: string;
  kinds: readonly string[];
  /** when left out, they come as a message: the helper is started before the main thread has linted */
  findings?: Finding[];
}

type HelperMessage = { names: string[] } | { index: number; content: string | Uint8Array } | { error: string };

/**
 * In the worker: read the study and, while the findings are awaited, `prepare` (load what the
 * kinds need); then render the task's kinds and post the names, then each file.
 */
export async function runHelper(plan: Plan, prepare: () => Promise<unknown> = async () => undefined): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('runHelper runs in a worker thread');
  const task = workerData as HelperTask;
  const post = (message: HelperMessage) => port.postMessage(message);
  const findings = task.findings ? Promise.resolve(task.findings) : new Promise<Finding[]>((resolve) => port.once('message', (message: { findings: Finding[] }) => resolve(message.findings)));
  try {
    const model = configuredModel(new Program(diskHost), task.study);
    if (!model) throw new Error(`cannot read '${task.study}'`);
    await prepare();
    const files = plan(model, await findings, task.kinds);
    post({ names: files.map((f) => f.name) });
    for (const [index, file] of files.entries()) {
      const content = await file.content();
      // a rendered buffer of its own moves to the main thread instead of being copied
      port.postMessage({ index, content } satisfies HelperMessage, ownsItsMemory(content) ? [content.buffer] : []);
    }
  } catch (error) {
    post({ error: error instanceof Error ? error.message : String(error) });
  }
}

/** A helper thread at work on HELPER_KINDS: its files' names, then each file's content, as it sends them. */
export interface Helper {
  /** hands it the findings, when it was started without them */
  lint(findings: Finding[]): void;
  names: Promise<string[]>;
  content(index: number): Promise<string | Buffer>;
  /** set once the helper has failed: what it has not sent is rendered here */
  failure(): Error | undefined;
  stop(): void;
}

/**
 * Starts a worker thread running `entry` (a module whose `runGenerateHelper` calls runHelper) on
 * the study; undefined when it cannot start. Without `findings`, it reads the study and loads
 * what it needs while the main thread lints, and waits for `lint`.
 */
export function startHelper(entry: string, study: string, findings?: Finding[]): Helper | undefined {
  const contents = new Map<number, { resolve: (content: string | Buffer) => void; reject: (error: Error) => void; promise: Promise<string | Buffer> }>();
  const awaited = (index: number) => {
    let entry = contents.get(index);
    if (!entry) {
      let resolve!: (content: string | Buffer) => void;
      let reject!: (error: Error) => void;
      const promise = new Promise<string | Buffer>((yes, no) => ((resolve = yes), (reject = no)));
      promise.catch(() => undefined);
      contents.set(index, (entry = { resolve, reject, promise }));
    }
    return entry;
  };
  let failure: Error | undefined;
  let resolveNames: (names: string[]) => void = () => undefined;
  let rejectNames: (error: Error) => void = () => undefined;
  const names = new Promise<string[]>((resolve, reject) => ((resolveNames = resolve), (rejectNames = reject)));
  names.catch(() => undefined);
  let expected = Infinity;
  let received = 0;
  const fail = (error: Error) => {
    failure ??= error;
    rejectNames(error);
    contents.forEach((c) => c.reject(error));
  };
  let worker: Worker;
  try {
    worker = new Worker(`require(${JSON.stringify(entry)}).runGenerateHelper()`, { eval: true, workerData: { study, kinds: HELPER_KINDS, findings } satisfies HelperTask });
  } catch {
    return undefined;
  }
  worker.on('message', (message: HelperMessage) => {
    if ('names' in message) {
      expected = message.names.length;
      resolveNames(message.names);
    } else if ('error' in message) fail(new Error(message.error));
    else {
      received++;
      awaited(message.index).resolve(typeof message.content === 'string' ? message.content : Buffer.from(message.content.buffer, message.content.byteOffset, message.content.byteLength));
    }
  });
  worker.on('error', fail);
  worker.on('exit', () => {
    if (received < expected) fail(new Error('the helper stopped before sending every file'));
  });
  return {
    lint: (found) => worker.postMessage({ findings: found }),
    names,
    content: (index) => awaited(index).promise,
    failure: () => failure,
    stop: () => void worker.terminate(),
  };
}

/** The files to write, and how to stop the helper when they are not all wanted (a target in the way). */
export interface HelperPlan {
  files: NamedFile[];
  stop(): void;
}

/**
 * The files of every kind, those of HELPER_KINDS rendered by `helper` (started by startHelper
 * without findings), or by a worker thread running `entry` started now, or here when it cannot.
 */
export async function planWithHelper(helper: string | Helper | undefined, model: StudyModel, findings: Finding[], plan: Plan, allKinds: readonly string[]): Promise<HelperPlan> {
  const alone = (files: NamedFile[]): HelperPlan => ({ files, stop: () => undefined });
  const started = typeof helper === 'string' ? startHelper(helper, model.root.path, findings) : helper;
  if (!started) return alone(plan(model, findings, allKinds));
  if (typeof helper !== 'string') started.lint(findings);
  let local: Map<string, NamedFile> | undefined;
  const here = (name: string): Promise<string | Buffer> => {
    local ??= new Map(plan(model, findings, HELPER_KINDS).map((f) => [f.name, f]));
    const file = local.get(name);
    if (!file) throw new Error(`the helper named a file '${name}' that no kind writes`);
    return file.content();
  };
  // the main thread's own kinds are built while the helper renders
  const own = plan(
    model,
    findings,
    allKinds.filter((k) => !HELPER_KINDS.includes(k)),
  );
  let theirs: string[];
  try {
    theirs = await started.names;
  } catch {
    started.stop();
    return alone([...own, ...plan(model, findings, HELPER_KINDS)]);
  }
  const files = [
    ...own,
    ...theirs.map((name, index) => ({
      name,
      content: async () => {
        if (started.failure()) return here(name);
        try {
          return await started.content(index);
        } catch {
          return here(name);
        }
      },
    })),
  ];
  return { files, stop: started.stop };
}
