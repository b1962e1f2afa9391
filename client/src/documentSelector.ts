import type { DocumentSelector } from 'vscode-languageclient/node';

/**
 * The documents the language server is given: JSON, and the files Terraform and CloudFormation resources
 * are written in. The server decides by content which of them hold ECS resources; the others get nothing,
 * and an HCL or YAML extension keeps every other feature of its files.
 */
export const documentSelector: DocumentSelector = [
  { scheme: 'file', language: 'json' },
  { scheme: 'file', language: 'jsonc' },
  { scheme: 'untitled', language: 'json' },
  { scheme: 'file', language: 'terraform' },
  // Without an HCL extension, `.tf` files have no language of their own.
  { scheme: 'file', pattern: '**/*.tf' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'cloudformation' },
  { scheme: 'file', pattern: '**/*.template' },
];

/** The languages whose documents the server may find ECS resources in (the status bar asks only for these). */
export const sourceLanguages = new Set(['json', 'jsonc', 'terraform', 'yaml', 'cloudformation']);

/** Files whose changes on disk the server hears of: what it indexes. */
export const watchedFiles = '**/*.{json,tf,yaml,yml,template}';
