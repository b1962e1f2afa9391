import { TextDocument } from 'vscode-languageserver-textdocument';
import type { EcsDocument } from '../service/document';
import { codeActionsFor } from '../service/codeActions';
import { complete } from '../service/completion';
import { definition } from '../service/definition';
import { hover } from '../service/hover';
import { deployContextMarkdown } from '../service/context/apply';
import { deployContextFor } from '../service/workspace';
import { documentSymbols } from '../service/symbols';
import type { HandlerContext } from './handlerContext';
import { fileAt, hitFor } from './requestFiles';
import { completionsAt, memberCompletionsAt, resourceSymbol, sourceRange } from './surfacePositions';

/** The editor's language features on a document: completion, hover, code actions, symbols, definition. */
export function registerDocumentFeatures(context: HandlerContext): void {
  const { connection, documents, settings, index, guard, client } = context;

  connection.onCompletion(
    guard('completion', null, async (params) => {
      const options = { snippets: client.snippets };
      const completeAt = (doc: EcsDocument, inner: TextDocument, offset: number) =>
        complete(doc, inner, offset, index, options);
      const at = await hitFor(context, params.textDocument.uri, params.position);
      if (at) return completionsAt(at.file, at.hit, await settings.for(params.textDocument.uri), completeAt);
      // A half-typed name can leave a surface file unreadable (a YAML key without its colon): names are
      // then completed from the file read with that name blanked.
      const file = await fileAt(context, params.textDocument.uri);
      if (!file || file.file.surface === 'json') return null;
      const s = await settings.for(params.textDocument.uri);
      return memberCompletionsAt(file.file, file.textDocument, params.position, s, completeAt) ?? null;
    }),
  );

  connection.onHover(
    guard('hover', null, async (params) => {
      const at = await hitFor(context, params.textDocument.uri, params.position);
      if (!at) return null;
      const { doc } = at.hit;
      let found = hover(doc, at.hit.inner, at.hit.offset) ?? null;
      if (found?.range) found = { ...found, range: sourceRange(at.hit, found.range, false) };
      if (params.position.line !== 0 || doc.kind === 'cluster' || doc.unparsed || doc.origin) return found;
      // The first line says which deploy context judges the file, and why.
      const markdown = deployContextMarkdown(deployContextFor(index, doc), doc.kind);
      const text = at.textDocument.getText();
      const lineEnd = text.indexOf('\n') < 0 ? text.length : text.indexOf('\n');
      if (!found)
        return {
          contents: { kind: 'markdown', value: markdown },
          range: { start: { line: 0, character: 0 }, end: at.textDocument.positionAt(lineEnd) },
        };
      const value = typeof found.contents === 'object' && 'value' in found.contents ? found.contents.value : '';
      return { ...found, contents: { kind: 'markdown', value: `${value}\n\n---\n\n${markdown}` } };
    }),
  );

  connection.onCodeAction(
    guard('code action', [], (params) => {
      const textDocument = documents.get(params.textDocument.uri);
      if (!textDocument) return [];
      // Fixes computed for an older version would edit the wrong text.
      const current = params.context.diagnostics.filter(
        (d) => (d.data as { version?: number } | undefined)?.version === textDocument.version,
      );
      return codeActionsFor(textDocument, current);
    }),
  );

  connection.onDocumentSymbol(
    guard('document symbols', [], async (params) => {
      const at = await fileAt(context, params.textDocument.uri);
      if (!at) return [];
      if (at.file.surface === 'json') return documentSymbols(at.file.documents[0], at.textDocument);
      return at.file.documents.map((doc) => resourceSymbol(doc, at.textDocument));
    }),
  );

  connection.onDefinition(
    guard('definition', [], async (params) => {
      const at = await hitFor(context, params.textDocument.uri, params.position);
      if (!at) return [];
      return definition(at.hit.doc, at.hit.offset, index).flatMap((t) => {
        const origin = t.doc.origin;
        const uri = origin?.uri ?? t.doc.uri;
        const text = origin ? index.sourceFile(uri)?.text : t.doc.text;
        if (text === undefined) return [];
        const target = documents.get(uri) ?? TextDocument.create(uri, 'json', 0, text);
        const range = origin ? origin.map.toSource(t.offset, t.length) : { offset: t.offset, length: t.length };
        if (!range) return [];
        return [
          {
            uri,
            range: { start: target.positionAt(range.offset), end: target.positionAt(range.offset + range.length) },
          },
        ];
      });
    }),
  );
}
