/**
 * Custom protocol between the ECS Lens client and server: every custom request as a typed
 * RequestType, and the types its answers carry. The client imports this file and no other
 * server module (the project references enforce it); it has no runtime dependency on server code.
 */
import { RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { DocumentKind } from './service/documentKind';
import type { StrategyTypeInfo } from './ecs/placementStrategies';
import type { ConstraintTypeInfo } from './ecs/placementConstraints';
import type {
  PlacementConstraintInput,
  PlacementStrategyInput,
  SimulationOptions,
  SimulationResult as PlacementResult,
  TaskExplanation,
} from './placement/types';
import type { InputError } from './placement/inputErrors';
import type { ClusterSource, InputErrors, QuickClusterSpec, SimulationSources } from './service/simulationTypes';
import type { DeploymentResult as DeploymentRun, ScalingResult as ScalingRun } from './dynamics/types';
import type { DynamicsInput, DynamicsSources, ScalingInput } from './service/dynamicsTypes';

export type { EcsLensSettings, RuleLevel } from './service/settings';
export type { DocumentKind } from './service/documentKind';
export type { StrategyTypeInfo } from './ecs/placementStrategies';
export type { ConstraintTypeInfo } from './ecs/placementConstraints';
export type * from './placement/types';
export type { DynamicsOptions } from './dynamics/types';

/**
 * A result as the client receives it: the server names each error by its input's file (placement/inputErrors.ts
 * describeInputError, the CLI's function too), so the client shows text and knows no input.
 */
export type NamedErrors<R extends { errors: InputError[] }> = Omit<R, 'errors'> & { errors: string[] };
export type SimulationResult = NamedErrors<PlacementResult>;
export type DeploymentResult = NamedErrors<DeploymentRun> & {
  /** The strategy is a rolling update (ecs/deployments.ts `isRollingUpdate`), so the panel names no strategy itself. */
  rollingUpdate: boolean;
};
export type ScalingResult = NamedErrors<ScalingRun>;

export type { ClusterSource, InputErrors, QuickClusterSpec, SimulationSources } from './service/simulationTypes';

export interface SimulationSourcesParams {
  /** A task definition, describe-task-definition output or service file. */
  uri: string;
}

/** The sources, or why the file cannot be simulated (shown to the user as it is). */
export type SimulationSourcesResponse = SimulationSources & { error?: string };

/** `ecsLens/simulationSources`: which files a simulation of `uri` would use. */
export const simulationSourcesRequest = new RequestType<SimulationSourcesParams, SimulationSourcesResponse, void>(
  'ecsLens/simulationSources',
);

export interface SimulateParams {
  /** The active file: a task definition, describe-task-definition output or service. */
  uri: string;
  cluster: ClusterSource;
  options?: SimulationOptions;
}

export interface SimulateResponse {
  /** The files simulated (open documents with their unsaved edits). */
  sources: SimulationSources;
  /** Absent when the inputs could not be read; `error` says why. */
  result?: SimulationResult;
  error?: string;
  /** Errors in the task definition or service that ECS would reject before any placement. */
  inputErrors?: InputErrors;
}

/** `ecsLens/simulate`: simulate the placement of the active file's tasks on a cluster. */
export const simulateRequest = new RequestType<SimulateParams, SimulateResponse, void>('ecsLens/simulate');

/** The capacity provider's ManagedScaling members the panel's form edits. */
export type ManagedScalingMember = 'targetCapacity' | 'minimumScalingStepSize' | 'maximumScalingStepSize';

/** One managed-scaling member the form takes: its valid range and the value ECS uses when it is left out. */
export interface ManagedScalingField {
  min: number;
  max: number;
  default: number;
}

/** What the panel's form offers, from the server's tables. */
export interface PlacementOptionsResponse {
  strategyTypes: StrategyTypeInfo[];
  constraintTypes: ConstraintTypeInfo[];
  /** The capacity provider members the form edits. */
  managedScaling: Partial<Record<ManagedScalingMember, ManagedScalingField>>;
  /** What a row the user adds starts as. */
  newStrategy: PlacementStrategyInput;
  newConstraint: PlacementConstraintInput;
  /** The cluster the panel builds when the workspace has no cluster file. */
  quickCluster: QuickClusterSpec;
}

/** `ecsLens/placementOptions`: the placement strategy and constraint types, and the managed-scaling ranges and defaults. */
export const placementOptionsRequest = new RequestType<object, PlacementOptionsResponse | null, void>(
  'ecsLens/placementOptions',
);

/** `ecsLens/documentKind`: what the server takes a document to be (for the editor-title button). */
export const documentKindRequest = new RequestType<{ uri: string }, DocumentKind, void>('ecsLens/documentKind');

export interface DocumentAtParams {
  /** A file, or a resource of a Terraform or CloudFormation file (`file:///infra/ecs.tf#aws_ecs_service.web`). */
  uri: string;
  /** The cursor: in a Terraform or CloudFormation file, the resource it falls in is the one meant. */
  position?: { line: number; character: number };
}

/**
 * The ECS document a request on a file takes: a JSON file itself; in a Terraform or CloudFormation file the
 * resource under the cursor (or that `#address` names), else the file's first service, else its first task
 * definition. `uri` names it for the other requests (simulate, deploy, scale, deployContext). Null: none.
 */
export type DocumentAtResponse = { uri: string; kind: DocumentKind } | null;

/** `ecsLens/documentAt`: the document the status bar and the placement panel start from. */
export const documentAtRequest = new RequestType<DocumentAtParams, DocumentAtResponse, void>('ecsLens/documentAt');

/** `ecsLens/explainTask`: why one task of a simulation goes where it goes (the panel asks on click). */
export type ExplainTaskParams = SimulateParams & { task: number };
export type ExplainTaskResponse = TaskExplanation | null;
export const explainTaskRequest = new RequestType<ExplainTaskParams, ExplainTaskResponse, void>('ecsLens/explainTask');

export interface WorkspaceFile {
  uri: string;
  kind: Exclude<DocumentKind, 'unknown'>;
  family?: string;
}

export interface WorkspaceFilesResponse {
  files: WorkspaceFile[];
}

/** `ecsLens/workspaceFiles`: the ECS files the server knows. */
export const workspaceFilesRequest = new RequestType0<WorkspaceFilesResponse, void>('ecsLens/workspaceFiles');

export interface DeployContextParams {
  uri: string;
}

/** The tool that consumes the file, why ECS Lens thinks so, and the same as Markdown for a tooltip; null for non-ECS files. */
export type DeployContextResponse = { name: string; reason: string; markdown: string } | null;

/** `ecsLens/deployContext`: which deploy context judges a document (for the status bar item). */
export const deployContextRequest = new RequestType<DeployContextParams, DeployContextResponse, void>(
  'ecsLens/deployContext',
);

export type { DeploymentRequest, ScalingRequest } from './dynamics/types';
export type { DynamicsClusterSource, DynamicsInput, DynamicsSources, ScalingInput } from './service/dynamicsTypes';

export interface DeployResponse {
  /** The files the deployment ran on (open documents with their unsaved edits). */
  sources: DynamicsSources;
  /** Absent when the inputs could not be read; `error` says why. */
  result?: DeploymentResult;
  error?: string;
}

/** `ecsLens/deploy`: the active file's service deployment on a cluster, for the panel's Deployment tab. */
export const deployRequest = new RequestType<DynamicsInput, DeployResponse, void>('ecsLens/deploy');

export interface ScaleResponse {
  sources: DynamicsSources;
  result?: ScalingResult;
  error?: string;
}

/** `ecsLens/scale`: service auto scaling over the workspace's load profile, for the panel's Scaling tab. */
export const scaleRequest = new RequestType<ScalingInput, ScaleResponse, void>('ecsLens/scale');
