import { registerDocumentFeatures } from './documentFeatures';
import type { HandlerContext } from './handlerContext';
import { registerPanelQueries } from './panelQueries';
import { registerSimulationRequests } from './simulationRequests';

/** Language features and custom requests, in this order: each reads the shared parse of the document and answers. */
export function registerHandlers(context: HandlerContext): void {
  registerDocumentFeatures(context);
  registerSimulationRequests(context);
  registerPanelQueries(context);
}
