/**
 * `generate all` on two cores, for the CLI: a worker thread loads the CLI again, reads the study
 * itself and renders the kinds of HELPER_KINDS (chart.xlsx in exceljs, the codebook, the guides,
 * the blueprint and the JSON: about half the work), while the main thread renders the others and writes every
 * file. The helper sends its file names first, so every target is still checked before anything
 * is written, then each file's content as it is rendered. The main thread, done with its own
 * kinds, renders those of the helper's the helper has not started (from the last): how the work
 * divides differs with the study's shape. If the helper cannot start or fails, the main thread
 * renders its kinds itself: the files are the same either way.
 */
import { parentPort, Worker, workerData } from 'worker_threads';
import { configuredModel } from '../checks/lint';
import { diskHost } from '../common/diskHost';
import { Finding } from '../common/finding';
import { StudyModel } from '../model/model';
import { Program } from '../model/program';
import { ownsItsMemory } from './tempWriter';

// the codebook right after the chart, which works it out anyway
export const HELPER_KINDS: readonly string[] = ['chart', 'codebook', 'guides', 'blueprint', 'json'];

/** Below this much study text the helper's start (loading the CLI, reading the study again) costs more than it saves. */
export const HELPER_FROM_BYTES = 150_000;

/** A file as ./output plans it: named first, rendered when its turn comes. */
export interface NamedFile {
  name: string;
  content: () => Promise<string | Buffer>;
}

/** The files of some kinds; `lazily`: a kind of one document is built when its first file is rendered, not before. */
type Plan = (model: StudyModel, findings: Finding[], kinds: readonly string[], lazily?: boolean) => NamedFile[];

/** Who renders a kind of HELPER_KINDS: whichever thread claims it first (the helper from the front of the list, the main thread, done with its own kinds, from the back). */
const UNCLAIMED = 0;
const HELPER = 1;
const MAIN = 2;

interface HelperTask {
  study: string;
  kinds: readonly string[];
  /** when left out, they come as a message: the helper is started before the main thread has linted */
  findings?: Finding[];
  /** per kind, UNCLAIMED, HELPER or MAIN, shared by both threads */
  claims: Int32Array;
}

type HelperMessage = { names: string[]; kinds: number[] } | { index: number; content: string | Uint8Array } | { error: string };

/**
 * In the worker: read the study and, while the findings are awaited, `prepare` (load what the
 * kinds need); then post the names of the task's kinds' files (and the kind of each), then each
 * file of each kind it claims.
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
    const found = await findings;
    const perKind = task.kinds.map((kind) => plan(model, found, [kind], true));
    post({ names: perKind.flat().map((f) => f.name), kinds: perKind.flatMap((files, kind) => files.map(() => kind)) });
    let index = 0;
    for (const [kind, files] of perKind.entries()) {
      const first = index;
      index += files.length;
      if (Atomics.compareExchange(task.claims, kind, UNCLAIMED, HELPER) !== UNCLAIMED) continue;
      for (const [i, file] of files.entries()) {
        const content = await file.content();
        // a rendered buffer of its own moves to the main thread instead of being copied
        port.postMessage({ index: first + i, content } satisfies HelperMessage, ownsItsMemory(content) ? [content.buffer] : []);
      }
    }
  } catch (error) {
    post({ error: error instanceof Error ? error.message : String(error) });
  }
}

/** A helper thread at work on HELPER_KINDS: its files' names and kinds, then each file's content, as it sends them. */
export interface Helper {
  /** hands it the findings, when it was started without them */
  lint(findings: Finding[]): void;
  files: Promise<{ names: string[]; kinds: number[] }>;
  content(index: number): Promise<string | Buffer>;
  /** whether the main thread renders the kind (an index of HELPER_KINDS): claimed now, if the helper has not started it */
  claim(kind: number): boolean;
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
  const claims = new Int32Array(new SharedArrayBuffer(HELPER_KINDS.length * Int32Array.BYTES_PER_ELEMENT));
  let failure: Error | undefined;
  let resolveFiles: (files: { names: string[]; kinds: number[] }) => void = () => undefined;
  let rejectFiles: (error: Error) => void = () => undefined;
  const files = new Promise<{ names: string[]; kinds: number[] }>((resolve, reject) => ((resolveFiles = resolve), (rejectFiles = reject)));
  files.catch(() => undefined);
  let kinds: number[] = [];
  const received = new Set<number>();
  const fail = (error: Error) => {
    failure ??= error;
    rejectFiles(error);
    contents.forEach((c) => c.reject(error));
  };
  let worker: Worker;
  try {
    worker = new Worker(`require(${JSON.stringify(entry)}).runGenerateHelper()`, { eval: true, workerData: { study, kinds: HELPER_KINDS, findings, claims } satisfies HelperTask });
  } catch {
    return undefined;
  }
  worker.on('message', (message: HelperMessage) => {
    if ('names' in message) {
      kinds = message.kinds;
      resolveFiles(message);
    } else if ('error' in message) fail(new Error(message.error));
    else {
      received.add(message.index);
      awaited(message.index).resolve(typeof message.content === 'string' ? message.content : Buffer.from(message.content.buffer, message.content.byteOffset, message.content.byteLength));
    }
  });
  worker.on('error', fail);
  worker.on('exit', () => {
    if (kinds.length === 0 || kinds.some((kind, index) => Atomics.load(claims, kind) === HELPER && !received.has(index))) fail(new Error('the helper stopped before sending every file'));
  });
  return {
    lint: (found) => worker.postMessage({ findings: found }),
    files,
    content: (index) => awaited(index).promise,
    claim: (kind) => {
      const was = Atomics.compareExchange(claims, kind, UNCLAIMED, MAIN);
      return was === UNCLAIMED || was === MAIN;
    },
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
 * The helper's files come last, its last kinds first: when the main thread is done with its own
 * kinds, it renders those the helper has not started.
 */
export async function planWithHelper(helper: string | Helper | undefined, model: StudyModel, findings: Finding[], plan: Plan, allKinds: readonly string[]): Promise<HelperPlan> {
  const alone = (files: NamedFile[]): HelperPlan => ({ files, stop: () => undefined });
  const started = typeof helper === 'string' ? startHelper(helper, model.root.path, findings) : helper;
  if (!started) return alone(plan(model, findings, allKinds));
  if (typeof helper !== 'string') started.lint(findings);
  const local = new Map<number, Map<string, NamedFile>>();
  const here = (kind: number, name: string): Promise<string | Buffer> => {
    let files = local.get(kind);
    if (!files) local.set(kind, (files = new Map(plan(model, findings, [HELPER_KINDS[kind]], true).map((f) => [f.name, f]))));
    const file = files.get(name);
    if (!file) throw new Error(`the helper named a file '${name}' that no kind writes`);
    return file.content();
  };
  // the main thread's own kinds are built while the helper renders
  const own = plan(
    model,
    findings,
    allKinds.filter((k) => !HELPER_KINDS.includes(k)),
  );
  let theirs: { names: string[]; kinds: number[] };
  try {
    theirs = await started.files;
  } catch {
    started.stop();
    return alone([...own, ...plan(model, findings, HELPER_KINDS)]);
  }
  const order = theirs.names.map((_, index) => index).sort((a, b) => theirs.kinds[b] - theirs.kinds[a] || a - b);
  const files = [
    ...own,
    ...order.map((index) => {
      const name = theirs.names[index];
      const kind = theirs.kinds[index];
      return {
        name,
        content: async () => {
          if (started.failure() || started.claim(kind)) return here(kind, name);
          try {
            return await started.content(index);
          } catch {
            return here(kind, name);
          }
        },
      };
    }),
  ];
  return { files, stop: started.stop };
}
