/**
 * Work that may pause: a generator that yields wherever the thread may be given back (between resources, every
 * few thousand tokens). The CLI and tests run it at once; the language server runs it in slices, answering the
 * editor between them, and drops it when a newer version of the file arrives.
 */
export type Steps<T> = Generator<void, T, void>;

/** How long a slice runs before the server's thread is given back. */
export const sliceMs = 8;

/** Turns of the event loop given back between two slices. */
const turnsBetweenSlices = 4;

/** The end of the slice being run; Infinity while steps run at once. */
let sliceEnd = Infinity;

/** True while steps run in slices; false while they run at once (nothing else runs until they end). */
export function inSlice(): boolean {
  return sliceEnd !== Infinity;
}

/** True when the running slice is over: work that cannot yield on its own (a parser) stops there and resumes. */
export function sliceOver(): boolean {
  return sliceEnd !== Infinity && performance.now() >= sliceEnd;
}

/** How many `runSteps` calls are running (one inside another's step counts twice). */
let atOnce = 0;

/** True while steps run at once through `runSteps` (the CLI, a request's own read): nothing else runs until they end. */
export function runningAtOnce(): boolean {
  return atOnce > 0 && sliceEnd === Infinity;
}

/** Runs the steps to their end without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  const outer = sliceEnd;
  sliceEnd = Infinity;
  atOnce++;
  try {
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
    }
  } finally {
    atOnce--;
    sliceEnd = outer;
  }
}

/**
 * Runs the steps in slices of about `sliceMs`, giving the event loop back between slices (pending requests are
 * answered then). Undefined, with the steps ended, when `stopped()` turns true between two slices.
 */
export async function runInSlices<T>(
  steps: Steps<T>,
  stopped: () => boolean = () => false,
  ms = sliceMs,
): Promise<T | undefined> {
  for (;;) {
    const outer = sliceEnd;
    sliceEnd = performance.now() + ms;
    try {
      for (;;) {
        const next = steps.next();
        if (next.done) return next.value;
        if (performance.now() >= sliceEnd) break;
      }
    } finally {
      sliceEnd = outer;
    }
    // vscode-jsonrpc reads, handles and writes a request in separate turns of the event loop (each queued with
    // setImmediate): a request that arrived during the slice is answered within these turns, before the next one.
    for (let turn = 0; turn < turnsBetweenSlices; turn++) await new Promise((resolve) => setImmediate(resolve));
    if (stopped()) {
      steps.return(undefined as T);
      return undefined;
    }
  }
}
