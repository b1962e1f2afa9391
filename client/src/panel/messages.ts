/**
 * Messages between the placement panel's host (extension) and its webview.
 * Both sides import this file: types, one guard and the starting quick cluster; nothing needs vscode or the DOM.
 */
import type {
  DeployResponse,
  InputErrors,
  PlacementConstraintInput,
  PlacementStrategyInput,
  ScaleResponse,
  SimulationResult,
  TaskExplanation,
  PlacementOptionsResponse,
} from '../../../server/src/protocol';

/** The Deployment and Scaling tabs' fields: timings no ECS file holds (defaults documented in the README). */
export interface DynamicsRunOptions {
  deregistrationDelaySeconds?: number;
  taskStartSeconds?: number;
  instanceLaunchSeconds?: number;
  maxInstances?: number;
  failHealthChecks?: boolean;
  durationSeconds?: number;
}

/** The cluster to simulate on: a cluster file of the workspace, or one built in the panel. */
export type ClusterChoice =
  { kind: 'file'; uri: string } | { kind: 'quick'; instanceType: string; count: number; availabilityZones: string[] };

export type QuickClusterChoice = Extract<ClusterChoice, { kind: 'quick' }>;

/**
 * The quick cluster the panel starts with when the workspace has no cluster file: the server's (placementOptions),
 * or an empty one while the server has not answered.
 */
export function startingQuickCluster(options: PlacementOptionsResponse | undefined): QuickClusterChoice {
  const spec = options?.quickCluster;
  return spec
    ? {
        kind: 'quick',
        instanceType: spec.instanceType,
        count: spec.count,
        availabilityZones: [...spec.availabilityZones],
      }
    : { kind: 'quick', instanceType: '', count: 0, availabilityZones: [] };
}

/** What the user set in the panel; sent to the server as the request's options, never written to a file. */
export interface PanelInputs {
  cluster: ClusterChoice;
  desiredCount?: number;
  seed?: number;
  /** Undefined: use the service's strategies (shown from the result's `strategies`). */
  placementStrategy?: PlacementStrategyInput[];
  /** Undefined: use the service's and task definition's constraints. */
  placementConstraints?: PlacementConstraintInput[];
  capacityProvider?: {
    instanceType?: string;
    targetCapacity?: number;
    minimumScalingStepSize?: number;
    maximumScalingStepSize?: number;
  };
}

export interface FileRef {
  uri: string;
  label: string;
}

export interface PanelSources {
  taskDefinition?: FileRef;
  service?: FileRef;
}

export type HostMessage =
  /** Sent after `ready` and whenever the panel is pointed at other files. */
  | {
      type: 'init';
      sources: PanelSources;
      clusters: FileRef[];
      inputs: PanelInputs;
      /** The form's choices, ranges and defaults, from the server (absent until it has answered). */
      options?: PlacementOptionsResponse;
    }
  | { type: 'simulating'; id: number }
  | { type: 'result'; id: number; result: SimulationResult; inputs: PanelInputs }
  /** One task's explanation for the result with this id; null when the server has none. */
  | { type: 'explanation'; id: number; task: number; explanation: TaskExplanation | null }
  /** Input problems (unreadable or invalid JSON, no task definition) or a failed request. */
  | { type: 'error'; id: number; message: string }
  | { type: 'deployment'; response: DeployResponse }
  | { type: 'scaling'; response: ScaleResponse }
  /** The errors ECS would reject the simulated files for, shown above any result; none clears them. */
  | { type: 'inputErrors'; errors?: InputErrors };

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'setInputs'; inputs: PanelInputs }
  /** Acknowledges that the result with this id is on screen. */
  | { type: 'rendered'; id: number }
  /** Asks why a task of the result with this id goes where it goes. */
  | { type: 'explain'; id: number; task: number }
  | { type: 'openFile'; uri: string }
  /** Runs the Deployment or Scaling tab's simulation with its fields. */
  | { type: 'deploy' | 'scale'; options: DynamicsRunOptions };

/** The webview is untrusted input to the host: check the shape before acting on it. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return true;
    case 'rendered':
      return typeof m.id === 'number';
    case 'explain':
      return typeof m.id === 'number' && Number.isInteger(m.task) && (m.task as number) >= 0;
    case 'openFile':
      return typeof m.uri === 'string';
    case 'deploy':
    case 'scale':
      return typeof m.options === 'object' && m.options !== null;
    case 'setInputs':
      return (
        typeof m.inputs === 'object' &&
        m.inputs !== null &&
        isClusterChoice((m.inputs as Record<string, unknown>).cluster)
      );
    default:
      return false;
  }
}

function isClusterChoice(value: unknown): value is ClusterChoice {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  if (c.kind === 'file') return typeof c.uri === 'string';
  return (
    c.kind === 'quick' &&
    typeof c.instanceType === 'string' &&
    typeof c.count === 'number' &&
    Array.isArray(c.availabilityZones)
  );
}
