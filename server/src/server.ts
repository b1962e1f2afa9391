import { isMainThread } from 'node:worker_threads';

// One bundle for both threads: the simulator's worker thread runs this same file (lsp/simulations.ts), so the
// .vsix carries the simulation code once. Each branch loads only the modules it needs.
if (isMainThread) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./lsp/serverMain') as typeof import('./lsp/serverMain')).main();
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./lsp/simulationWorker');
}
