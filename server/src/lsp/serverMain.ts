import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { logUnhandledRejections } from './processGuards';
import { startServer } from './startServer';

/** The language server on the process's main thread, over the transport named on the command line. */
export function main(): void {
  const connection = createConnection(ProposedFeatures.all);
  logUnhandledRejections((message) => connection.console.error(message));
  startServer(connection);
}
