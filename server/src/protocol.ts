/**
 * Custom protocol between the ECS Lens client and server. The client imports this
 * file; it must stay free of runtime dependencies on server modules.
 */
import type { SimulationRequest, SimulationResult, TaskExplanation } from './placement/types';

export type { EcsLensSettings, RuleLevel } from './service/settings';
export type { SimulationRequest, SimulationResult } from './placement/types';
export type { DeploymentResult, DynamicsOptions, ScalingResult } from './dynamics/types';

/** `ecsLens/simulate`: run the placement simulator on the given inputs. */
export const simulateMethod = 'ecsLens/simulate';
export type SimulateParams = SimulationRequest;
export type SimulateResponse = SimulationResult;

/** `ecsLens/explainTask`: why one task of a simulation goes where it goes (the panel asks on click). */
export const explainTaskMethod = 'ecsLens/explainTask';
export type ExplainTaskParams = SimulationRequest & { task: number };
export type ExplainTaskResponse = TaskExplanation | null;

/** `ecsLens/workspaceFiles`: ECS files the server knows, for the panel's pickers. */
export const workspaceFilesMethod = 'ecsLens/workspaceFiles';
export interface WorkspaceFile {
  uri: string;
  kind: 'task-definition' | 'service' | 'describe-output' | 'cluster';
  family?: string;
}
export interface WorkspaceFilesResponse {
  files: WorkspaceFile[];
}
