import type { ClientCapabilities } from 'vscode-languageserver/node';

/** What the connected client said it can do, as the server's handlers need it. */
export interface ClientDialect {
  /** `workspace/configuration`: settings are pulled per document. */
  pullConfiguration: boolean;
  /** `client/registerCapability` for `workspace/didChangeConfiguration`. */
  registerConfigurationChange: boolean;
  /** Completion items may be snippets; without, they carry plain text. */
  snippets: boolean;
}

/** The LSP defaults: a capability the client does not declare, it does not have. */
export function clientDialect(capabilities: ClientCapabilities): ClientDialect {
  return {
    pullConfiguration: capabilities.workspace?.configuration === true,
    registerConfigurationChange: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    snippets: capabilities.textDocument?.completion?.completionItem?.snippetSupport === true,
  };
}
