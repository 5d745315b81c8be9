/** A request to stop work that a newer edit has made stale (LSP's CancellationToken has this shape). */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

/** Thrown between stages when the work was cancelled; callers tell it from a failure by its class. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export function throwIfCancelled(token: Cancellation | undefined): void {
  if (token?.isCancellationRequested) throw new CancelledError();
}
