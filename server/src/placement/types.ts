/**
 * The simulator's public input and output: the CLI's `--format json`, the panel's
 * request and the tests all use these shapes.
 */
import type { InputError } from './inputErrors';

export interface PlacementStrategyInput {
  type: string;
  field?: string;
}

export interface PlacementConstraintInput {
  type: string;
  expression?: string;
}

export interface SimulationOptions {
  /** Tasks to place for run-task (no service), or overrides the service's desiredCount. */
  count?: number;
  /** Seed of the random generator that breaks ties and drives `random`. */
  seed?: number;
  /** Overrides the service's strategies (the panel edits them without touching the file). */
  placementStrategy?: PlacementStrategyInput[];
  /** Overrides the service's constraints; the task definition's memberOf constraints still apply. */
  placementConstraints?: PlacementConstraintInput[];
  /** The capacity provider's managed scaling: the type it launches, its target capacity (percent, 1-100) and scaling step sizes. */
  capacityProvider?: CapacityProviderSettings;
  /** Task group for run-task (default `family:<family>`); services always use `service:<serviceName>`. */
  group?: string;
  /** Most instance names listed per explanation step (default 50); `candidateCount` always has the total. */
  explainCandidates?: number;
  /** Build the step-by-step explanation of every task (a scan of the cluster per task: for small runs and `--explain`). */
  explain?: boolean;
}

export interface CapacityProviderSettings {
  /** The provider's name, as a capacityProviderStrategy names it. */
  name?: string;
  instanceType?: string;
  targetCapacity?: number;
  /** Instances launched at least per scale-out (ECS default 1). */
  minimumScalingStepSize?: number;
  /** Instances launched at most per scale-out (ECS default 10,000). */
  maximumScalingStepSize?: number;
}

export interface SimulationRequest {
  /** Parsed JSON: register-task-definition input, or describe-task-definition output. */
  taskDefinition: unknown;
  /** Parsed JSON: create-service input. Without it the simulation is run-task. */
  service?: unknown;
  /** Parsed JSON: a compact cluster file or describe-container-instances output. */
  cluster: unknown;
  options?: SimulationOptions;
}

export interface UnplacedReason {
  /** e.g. `insufficient-cpu`, `insufficient-memory`, `port-conflict`, `insufficient-eni`, `insufficient-gpu`, `member-of`, `distinct-instance`, `no-active-instance`. */
  code: string;
  message: string;
  /** How many instances this reason excluded. */
  instances: number;
  /** The reason as ECS reports it in run-task failures, e.g. `RESOURCE:MEMORY`, `MemberOf`, `AGENT`. */
  ecsReason?: string;
}

export interface ResourceUsage {
  registered: number;
  remaining: number;
  /** Used by tasks that ran before the simulation. */
  existing?: number;
  /** Used by simulated tasks. */
  simulated?: number;
}

export interface InstanceReport {
  instance: string;
  availabilityZone: string | undefined;
  instanceType?: string;
  tasks: number[];
  cpu: ResourceUsage;
  memory: ResourceUsage;
  /** Present when not ACTIVE. */
  status?: string;
  /** Present (false) when the agent is disconnected. */
  agentConnected?: boolean;
  /** Present when tasks ran on the instance before the simulation. */
  existingTasks?: number;
}

export interface ExplanationStep {
  /** e.g. `resources`, `constraints`, `strategy:spread(attribute:ecs.availability-zone)`, `tie-break`. */
  step: string;
  /** Instances still in the running after this step. */
  candidates: string[];
  /** How many instances were in the running; `candidates` may list only the first of them. */
  candidateCount?: number;
  note: string;
}

export interface TaskExplanation {
  task: number;
  instance?: string;
  steps: ExplanationStep[];
  summary: string;
}

export interface ScaleOutEstimate {
  /** The capacity provider, when the strategy names providers. */
  capacityProvider?: string;
  instanceType: string;
  /** New instances needed to place the unplaced tasks (binpacked). */
  instancesToAdd: number;
  /** Instances managed scaling launches in its next step (the step sizes and the two-instance start from zero applied). */
  instancesLaunched?: number;
  /** ACTIVE instances that run no task but daemons': managed scaling counts them as empty. */
  emptyInstances?: number;
  /** Tasks that would not fit even on an empty instance of that type. */
  tasksThatCannotFit: number;
  instancesRunning: number;
  /** CapacityProviderReservation: instances needed / instances running × 100; 200 from zero; 100 minus the empty instances when scaling in. */
  capacityProviderReservation: number;
  targetCapacity: number;
  /** Instances the capacity provider's group settles at to hold the reservation at the target capacity. */
  instancesAtTarget?: number;
  message: string;
}

export interface SimulationResult {
  /** How the tasks were scheduled. */
  mode: 'service' | 'daemon' | 'run-task' | 'fargate';
  /** Strategies actually used (after defaults), for display. */
  strategies: PlacementStrategyInput[];
  constraints: PlacementConstraintInput[];
  placements: Array<{ task: number; instance: string }>;
  /** `capacityProvider`: the provider the task was to launch on, with a capacity provider strategy. */
  unplaced: Array<{ task: number; reasons: UnplacedReason[]; capacityProvider?: string }>;
  instances: InstanceReport[];
  /** The estimate of the provider with the most instances to add (the only one, usually). */
  scaleOut?: ScaleOutEstimate;
  /** One estimate per Auto Scaling group provider, when the strategy has several. */
  scaleOuts?: ScaleOutEstimate[];
  /** With a capacity provider strategy: the tasks each provider got (base, then weight) and how many were placed. */
  capacityProviders?: Array<{ capacityProvider: string; tasks: number; placed: number; unplaced: number }>;
  /** Empty unless `options.explain`: one task's explanation is asked for with explainTask. */
  explanations: TaskExplanation[];
  /** Notes for the user, e.g. that placement strategies do not apply to Fargate. */
  notes: string[];
  /** Input problems that prevented or limited the simulation (bad cluster file, missing task definition). */
  errors: InputError[];
  /** The desired number of tasks (the override, else the service's desiredCount); absent when none could be read. */
  count?: number;
  /** How many of `constraints`, at their end, are the task definition's (always applied; the rest are the service's or the override). */
  taskDefinitionConstraints?: number;
  /** Problems of memberOf expressions, as the editor reports them: `constraint` is an index into `constraints`. */
  expressionProblems?: ExpressionProblem[];
  /** What the panel may offer: fields per strategy type, and the attributes the cluster's instances carry. */
  choices?: PlacementChoices;
}

export interface ExpressionProblem {
  constraint: number;
  /** Within the expression. */
  offset: number;
  length: number;
  message: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  /** The did-you-mean replacement of the range, when there is one. */
  replacement?: string;
}

export interface PlacementChoices {
  strategyFields: Record<string, string[]>;
  attributes: string[];
}
