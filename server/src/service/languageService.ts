/** The language service facade: plain documents in, LSP types out, no connection anywhere. */
export { parseDocument, classifyByContent, familyOfReference, type EcsDocument, type DocumentKind } from './document';
export { validateDocument, runRules } from './validation';
export { complete } from './completion';
export { hover } from './hover';
export { documentSymbols } from './symbols';
export { codeActionsFor } from './codeActions';
export { warmUpSchemas } from './schema';
export { defaultSettings, type EcsLensSettings } from './settings';
export { staticWorkspace, emptyWorkspace, type WorkspaceView } from './workspace';
export type { Problem, Fix, Severity } from './problem';
