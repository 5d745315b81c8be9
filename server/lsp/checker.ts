import { Cancellation, CancelledError } from '../common/cancellation';
import { Workspace } from './workspace';
import { mark } from './trace';

/** A cancellation flag: set when a newer change makes the work in progress stale. */
class Flag implements Cancellation {
  cancelled = false;
  get isCancellationRequested(): boolean {
    return this.cancelled;
  }
}

export interface CheckerHooks {
  /** diagnostics of these files may have changed */
  publish(files: Set<string>): void;
  /** a root was checked (coverage notifications) */
  checked(root: string): void;
  /** roots to check first, e.g. the documents open in the editor */
  priority(root: string): number;
  log(message: string): void;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Checks changed files after a debounce. A newer change cancels the check in progress (the
 * flag is read between stages: parse, link, each rule, each root) and its files are queued
 * again; results of cancelled work are never published.
 */
export class Checker {
  private readonly pending = new Set<string>();
  private timer: { cancel(): void } | undefined;
  private flag = new Flag();
  private running: Promise<void> | undefined;
  private stopped = false;
  /** until released, files are queued but not checked (the server waits for the client's settings) */
  private held = true;

  constructor(
    private readonly workspace: Workspace,
    private readonly hooks: CheckerHooks,
  ) {}

  /** Checks `files` (and everything that depends on them) after `delay` ms. */
  schedule(files: Iterable<string>, delay: number): void {
    if (this.stopped) return;
    for (const file of files) this.pending.add(file);
    this.flag.cancelled = true;
    this.timer?.cancel();
    const fire = (): void => {
      this.timer = undefined;
      void this.start();
    };
    // no debounce: start on the next turn of the event loop, without setTimeout's 1 ms minimum
    if (delay <= 0) {
      const immediate = setImmediate(fire);
      this.timer = { cancel: () => clearImmediate(immediate) };
    } else {
      const timeout = setTimeout(fire, delay);
      this.timer = { cancel: () => clearTimeout(timeout) };
    }
  }

  /** Resolves when no check is pending or running (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running || this.timer) {
      if (this.running) await this.running;
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Starts checking what has been queued, and checks from now on as scheduled. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    if (this.pending.size > 0 && !this.timer) this.schedule([], 0);
  }

  stop(): void {
    this.stopped = true;
    this.flag.cancelled = true;
    this.timer?.cancel();
    this.timer = undefined;
  }

  private async start(): Promise<void> {
    while (this.running) await this.running;
    // a newer change re-armed the timer while we waited: that run takes these files too
    if (this.timer || this.pending.size === 0 || this.stopped || this.held) return;
    const files = [...this.pending];
    this.pending.clear();
    mark('started');
    const flag = (this.flag = new Flag());
    this.running = this.run(files, flag).finally(() => {
      this.running = undefined;
    });
  }

  private async run(files: string[], flag: Flag): Promise<void> {
    const workspace = this.workspace;
    const done = new Set<string>();
    try {
      const queue = workspace.rootsAffectedBy(files).sort((a, b) => this.hooks.priority(a) - this.hooks.priority(b));
      mark('parsed');
      while (queue.length > 0) {
        const root = queue.shift()!;
        if (done.has(root)) continue;
        done.add(root);
        // let queued messages (a newer edit) in before each root
        await yieldToEventLoop();
        if (flag.cancelled) throw new CancelledError();
        if (!workspace.isKnown(root)) {
          // deleted, or its folder left the workspace: its diagnostics go with it
          this.hooks.publish(workspace.dropRoot(root));
          continue;
        }
        mark('yielded');
        const touched = workspace.checkRoot(root, flag);
        if (flag.cancelled) throw new CancelledError();
        this.hooks.publish(touched);
        this.hooks.checked(root);
        if (queue.length === 0) {
          const { drop, check } = workspace.reconcileFragments();
          for (const root of drop) this.hooks.publish(workspace.dropRoot(root));
          queue.push(...check.filter((c) => !done.has(c)));
        }
      }
    } catch (error) {
      if (error instanceof CancelledError || flag.cancelled) {
        // the newer change has scheduled a run; it takes these files too
        for (const file of files) this.pending.add(file);
        return;
      }
      this.hooks.log(`Checking failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
}
