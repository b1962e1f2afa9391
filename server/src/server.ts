import { main } from './lsp/serverMain';

// The simulator's worker thread runs a bundle of its own (lsp/simulationWorker.ts, dist/simulationWorker.js).
main();
