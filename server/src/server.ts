import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { logUnhandledRejections } from './lsp/processGuards';
import { startServer } from './lsp/startServer';

const connection = createConnection(ProposedFeatures.all);
logUnhandledRejections((message) => connection.console.error(message));
startServer(connection);
