import { main } from './lsp/serverMain';

// The simulator's worker thread runs the rest of the server's bundle (lsp/features.ts), not this file.
main();
