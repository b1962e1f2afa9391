import {
  deployContextRequest,
  documentAtRequest,
  documentKindRequest,
  placementOptionsRequest,
  workspaceFilesRequest,
  type PlacementOptionsResponse,
  type WorkspaceFile,
  type WorkspaceFilesResponse,
} from '../protocol';
import { placementOptions } from '../service/placementOptions';
import { deployContextMarkdown } from '../service/context/apply';
import { deployContextFor } from '../service/workspace';
import type { HandlerContext } from './handlerContext';
import { requestDocument } from './requestFiles';

/** What the panel and the status bar ask: placement options, the workspace's ECS files, a document's kind and deploy context. */
export function registerPanelQueries(context: HandlerContext): void {
  const { connection, index, guard } = context;

  connection.onRequest(
    placementOptionsRequest,
    guard('placement options', null, (): PlacementOptionsResponse | null => placementOptions()),
  );

  connection.onRequest(
    workspaceFilesRequest,
    guard('workspace files', { files: [] }, (): WorkspaceFilesResponse => ({
      files: index
        .documents()
        .filter((d) => d.kind !== 'unknown')
        .map((d): WorkspaceFile => ({ uri: d.uri, kind: d.kind as WorkspaceFile['kind'], family: d.family })),
    })),
  );

  connection.onRequest(
    documentKindRequest,
    guard(
      'document kind',
      'unknown' as const,
      async (params) => (await requestDocument(context, params.uri))?.kind ?? 'unknown',
    ),
  );

  connection.onRequest(
    documentAtRequest,
    guard('document at', null, async (params) => {
      const doc = await requestDocument(context, params.uri, params.position);
      return doc && doc.kind !== 'unknown' ? { uri: doc.uri, kind: doc.kind } : null;
    }),
  );

  connection.onRequest(
    deployContextRequest,
    guard('deploy context', null, async (params) => {
      const doc = await requestDocument(context, params.uri);
      if (!doc || doc.kind === 'unknown' || doc.kind === 'cluster') return null;
      const deployContext = deployContextFor(index, doc);
      return {
        name: deployContext.name,
        reason: deployContext.reason,
        markdown: deployContextMarkdown(deployContext, doc.kind),
      };
    }),
  );
}
