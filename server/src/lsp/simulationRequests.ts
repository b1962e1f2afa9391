import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import {
  deployRequest,
  explainTaskRequest,
  scaleRequest,
  simulateRequest,
  simulationSourcesRequest,
  type DeployResponse,
  type DynamicsInput,
  type ExplainTaskParams,
  type ExplainTaskResponse,
  type NamedErrors,
  type ScaleResponse,
  type ScalingInput,
  type SimulateParams,
  type SimulateResponse,
} from '../protocol';
import { inputErrors, simulationRequest, simulationSources } from '../service/simulationInputs';
import { defaultSettings, type EcsLensSettings } from '../service/settings';
import type { DeploymentResult, ScalingResult } from '../dynamics';
import type { SimulationResult } from '../placement/types';
import { deploymentRequest, scalingRequest } from '../service/dynamicsInputs';
import { isRollingUpdate } from '../ecs/deployments';
import {
  inputFilesOf,
  namedInputErrors,
  type InputError,
  type InputFiles,
  type SimulationInput,
} from '../placement/inputErrors';
import type { HandlerContext } from './handlerContext';
import { currentIndex } from './requestFiles';
import { SimulationStopped, type ParamsOf, type SimulationMethod } from './simulations';
import type { WorkspaceIndex } from './workspaceIndex';

/** The panel's simulations: the sources of a file, placement, one task's explanation, deployment, auto scaling. */
export function registerSimulationRequests(context: HandlerContext): void {
  const { connection, guard } = context;
  connection.onRequest(
    simulationSourcesRequest,
    guard(
      'simulation sources',
      { clusters: [], error: 'The language server could not list the files (see its output).' },
      async (params) => simulationSources(await currentIndex(context), params.uri),
    ),
  );
  connection.onRequest(simulateRequest, (params, token) => simulatePlacement(context, params, token));
  // An explanation runs on its own thread: asking for one does not end the simulation it explains.
  connection.onRequest(explainTaskRequest, (params, token) => explainTask(context, params, token));
  // The Deployment and Scaling tabs: the server reads the files (open documents with their edits) by URI,
  // and the simulation runs on its own thread like a placement.
  connection.onRequest(deployRequest, (params, token) => simulateDeployment(context, params, token));
  connection.onRequest(scaleRequest, (params, token) => simulateScaling(context, params, token));
}

async function simulatePlacement(
  context: HandlerContext,
  params: SimulateParams,
  token: CancellationToken,
): Promise<SimulateResponse> {
  const { connection, settings, simulations, index } = context;
  const ticket = simulations.lane('simulate').claim();
  let resolved;
  try {
    resolved = simulationRequest(await currentIndex(context), params);
  } catch (error) {
    connection.console.error(`simulate failed: ${(error as Error).stack ?? String(error)}`);
    return { sources: { clusters: [] }, error: 'The simulation failed (see the language server output).' };
  }
  const { sources, request, error } = resolved;
  // What ECS would reject the files for, named above any result.
  const uris = [sources.taskDefinition, sources.service];
  const fileSettings = new Map<string, EcsLensSettings>();
  for (const uri of uris) if (uri) fileSettings.set(uri, await settings.for(uri));
  const errors = inputErrors(await currentIndex(context), uris, (uri) => fileSettings.get(uri) ?? defaultSettings);
  const withErrors = errors ? { inputErrors: errors } : {};
  if (!request) return { sources, error, ...withErrors };
  const answer = await simulated(context, 'simulate', token, ticket, request);
  const files = fileNames(index, { ...sources, cluster: 'uri' in params.cluster ? params.cluster.uri : undefined });
  return 'error' in answer
    ? { sources, error: answer.error, ...withErrors }
    : { sources, result: named(answer.result as SimulationResult, files), ...withErrors };
}

async function explainTask(context: HandlerContext, params: ExplainTaskParams, token: CancellationToken) {
  const ticket = context.simulations.lane('explainTask').claim();
  const { request } = simulationRequest(await currentIndex(context), params);
  if (!request) return null;
  const answer = await simulated(context, 'explainTask', token, ticket, { ...request, task: params.task });
  return 'error' in answer ? null : (answer.result as ExplainTaskResponse);
}

/** Deploy and scale: the files resolved, the run on the simulation worker in its lane, errors named by file. */
async function simulateOverTime<R extends { errors: InputError[] }>(
  context: HandlerContext,
  method: 'deploy' | 'scale',
  resolve: (index: WorkspaceIndex) => ReturnType<typeof deploymentRequest> | ReturnType<typeof scalingRequest>,
  failure: string,
  token: CancellationToken,
  workerParams: (request: object) => object = (request) => request,
): Promise<{ sources: Partial<Record<SimulationInput, string>>; error?: string; result?: NamedErrors<R> }> {
  const { connection, simulations, index } = context;
  // The ticket is taken on arrival, before the first await: a newer request of the lane cancels this one.
  const ticket = simulations.lane(method).claim();
  let found;
  try {
    found = resolve(await currentIndex(context));
  } catch (error) {
    connection.console.error(`${method} failed: ${(error as Error).stack ?? String(error)}`);
    return { sources: {}, error: `${failure} (see the language server output).` };
  }
  const { sources, request, error } = found;
  if (!request) return { sources, error };
  const answer = await simulated(context, method, token, ticket, workerParams(request) as ParamsOf<typeof method>);
  return 'error' in answer
    ? { sources, error: answer.error }
    : { sources, result: named(answer.result as R, fileNames(index, sources)) };
}

async function simulateDeployment(
  context: HandlerContext,
  params: DynamicsInput,
  token: CancellationToken,
): Promise<DeployResponse> {
  const { result, ...response } = await simulateOverTime<DeploymentResult>(
    context,
    'deploy',
    (index) => deploymentRequest(index, params),
    'The deployment failed',
    token,
    (request) => ({ ...request, options: { timelineInstances: 40, ...(request as { options?: object }).options } }),
  );
  return result ? { ...response, result: { ...result, rollingUpdate: isRollingUpdate(result.strategy) } } : response;
}

async function simulateScaling(
  context: HandlerContext,
  params: ScalingInput,
  token: CancellationToken,
): Promise<ScaleResponse> {
  return simulateOverTime<ScalingResult>(
    context,
    'scale',
    (index) => scalingRequest(index, params),
    'Auto scaling failed',
    token,
  );
}

/**
 * Runs a simulation on its own thread, with a time and memory budget. Over budget, the answer
 * says which budget; replaced by a newer request of its kind (or cancelled), the request fails as
 * cancelled. Its place in line (`ticket`) is taken on arrival, so a request cancelled or replaced
 * while its files are read never runs. The server's own thread never waits for a simulation.
 */
async function simulated<M extends SimulationMethod>(
  { connection, simulations }: HandlerContext,
  method: M,
  token: CancellationToken,
  ticket: number,
  params: ParamsOf<M>,
): Promise<{ result: unknown } | { error: string }> {
  const lane = simulations.lane(method);
  if (token.isCancellationRequested)
    throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The simulation was cancelled.');
  const cancelled = token.onCancellationRequested(() => lane.cancel(ticket));
  try {
    return { result: await lane.run(method, params, ticket) };
  } catch (error) {
    if (error instanceof SimulationStopped) {
      if (error.cancelled) throw new ResponseError(LSPErrorCodes.RequestCancelled, error.message);
      connection.console.warn(`${method}: ${error.message}`);
      return { error: error.message };
    }
    connection.console.error(`${method} failed: ${(error as Error).stack ?? String(error)}`);
    return { error: `The simulation failed: ${(error as Error).message}` };
  } finally {
    cancelled.dispose();
  }
}

/** What errors call each input of a run: its file's path inside the workspace folder (placement/inputErrors.ts). */
function fileNames(
  index: WorkspaceIndex,
  sources: Partial<Record<'taskDefinition' | 'service' | 'cluster' | 'target' | 'policy' | 'load', string>>,
): InputFiles {
  // The panel reads alarms from the policy document, and the current revision from no file of its own.
  const uris: Record<SimulationInput, string | undefined> = {
    'task definition': sources.taskDefinition,
    'current task definition': undefined,
    service: sources.service,
    cluster: sources.cluster,
    'scalable target': sources.target,
    'scaling policy': sources.policy,
    'load profile': sources.load,
    alarm: undefined,
  };
  return inputFilesOf((input) => {
    const uri = uris[input];
    const named = uri ? index.displayName(uri) : undefined;
    return named !== undefined ? [named] : [];
  });
}

/** The result with each error named by its input's file, as the CLI names it (placement/inputErrors.ts). */
function named<R extends { errors: InputError[] }>(result: R, files: InputFiles): NamedErrors<R> {
  return { ...result, errors: namedInputErrors(result.errors, files) };
}
