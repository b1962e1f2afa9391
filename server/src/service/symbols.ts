import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EcsDocument } from './document';
import { elements, member, numberValue, property, stringValue, type JsonNode } from './json';

/** Outline: containers by name, each with its port mappings and environment variables. */
export function documentSymbols(doc: EcsDocument, textDocument: TextDocument): DocumentSymbol[] {
  const body = doc.body;
  if (!body) return [];
  const range = (n: JsonNode) => ({
    start: textDocument.positionAt(n.offset),
    end: textDocument.positionAt(n.offset + n.length),
  });
  const symbols: DocumentSymbol[] = [];
  if (doc.kind === 'task-definition' || doc.kind === 'describe-output') {
    for (const container of elements(member(body, 'containerDefinitions'))) {
      const nameNode = member(container, 'name');
      const name = stringValue(nameNode) || '(unnamed container)';
      const children: DocumentSymbol[] = [];
      for (const pm of elements(member(container, 'portMappings'))) {
        const port = numberValue(member(pm, 'containerPort'));
        const host = numberValue(member(pm, 'hostPort'));
        const protocol = stringValue(member(pm, 'protocol')) ?? 'tcp';
        const label =
          port !== undefined
            ? `${port}/${protocol}`
            : (stringValue(member(pm, 'containerPortRange')) ?? 'port mapping');
        children.push({
          name: label,
          detail: host !== undefined && host !== port ? `host ${host}` : undefined,
          kind: SymbolKind.Number,
          range: range(pm),
          selectionRange: range(pm),
        });
      }
      for (const env of elements(member(container, 'environment'))) {
        const n = stringValue(member(env, 'name'));
        if (n)
          children.push({
            name: n,
            detail: 'environment',
            kind: SymbolKind.Variable,
            range: range(env),
            selectionRange: range(env),
          });
      }
      for (const secret of elements(member(container, 'secrets'))) {
        const n = stringValue(member(secret, 'name'));
        if (n)
          children.push({
            name: n,
            detail: 'secret',
            kind: SymbolKind.Key,
            range: range(secret),
            selectionRange: range(secret),
          });
      }
      symbols.push({
        name,
        detail: stringValue(member(container, 'image')),
        kind: SymbolKind.Class,
        range: range(container),
        selectionRange: range(nameNode ?? container),
        children,
      });
    }
    for (const key of ['family', 'networkMode', 'cpu', 'memory']) {
      const prop = property(body, key);
      if (prop)
        symbols.push({
          name: key,
          detail: String(prop.children?.[1]?.value ?? ''),
          kind: SymbolKind.Property,
          range: range(prop),
          selectionRange: range(prop.children![0]),
        });
    }
  } else if (doc.kind === 'service') {
    for (const key of [
      'serviceName',
      'cluster',
      'taskDefinition',
      'desiredCount',
      'launchType',
      'schedulingStrategy',
    ]) {
      const prop = property(body, key);
      if (prop)
        symbols.push({
          name: key,
          detail: String(prop.children?.[1]?.value ?? ''),
          kind: SymbolKind.Property,
          range: range(prop),
          selectionRange: range(prop.children![0]),
        });
    }
  }
  return symbols;
}
