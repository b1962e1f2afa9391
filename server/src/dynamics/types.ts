/**
 * The simulator over time: its inputs beyond the files, and the shapes `deploy` and `scale` return
 * (the CLI's `--format json`, the panel's requests and the tests use these).
 */
import type { InputError } from '../placement/inputErrors';
import type { UnplacedReason } from '../placement/types';

/** Timings and limits no ECS file holds; each has a documented default (see defaults.ts). */
export interface DynamicsOptions {
  /** Seconds an old task keeps its resources after leaving a load balancer (default 300 behind one, else 0). */
  deregistrationDelaySeconds?: number;
  /** Seconds from placement until a task is RUNNING (image pull and container start). */
  taskStartSeconds?: number;
  /** Seconds from a capacity provider's scale-out until the instance has registered with the cluster. */
  instanceLaunchSeconds?: number;
  /** The capacity provider's Auto Scaling group maximum size. */
  maxInstances?: number;
  minimumScalingStepSize?: number;
  maximumScalingStepSize?: number;
  /** Marks the new tasks as failing their health checks. */
  failHealthChecks?: boolean;
  /**
   * With failHealthChecks, failures that come and go: every Nth new task passes its health checks and turns
   * healthy, the others fail (the mixed case the circuit breaker's resetOnHealthyTask is for).
   */
  healthyEvery?: number;
  /** Seed of the generator that breaks placement ties. */
  seed?: number;
  /** Record old and new tasks per instance at every step, for the panel's picture (first `timelineInstances` instances). */
  timelineInstances?: number;
}

export interface DeploymentRequest {
  cluster: unknown;
  service: unknown;
  taskDefinition: unknown;
  /** The revision that runs now, when the cluster file does not say what its tasks ask for. */
  currentTaskDefinition?: unknown;
  options?: DynamicsOptions;
}

export interface DeploymentStep {
  t: number;
  /** Old tasks not yet stopped (running or draining). */
  old: number;
  /** New tasks RUNNING. */
  new: number;
  /** New tasks waiting for an instance, provisioning, or starting. */
  pending: number;
  instances: number;
}

export interface DeploymentEvent {
  t: number;
  message: string;
}

export interface BlockedTask {
  t: number;
  /** The index of the step at which the deployment stopped moving. */
  step: number;
  task: string;
  reasons: UnplacedReason[];
}

export interface DeploymentTimeline {
  instances: string[];
  frames: Array<{ t: number; old: number[]; new: number[] }>;
}

export interface InstanceLaunch {
  t: number;
  instances: number;
}

export interface DeploymentResult {
  outcome: 'completed' | 'stalled' | 'rolled-back';
  strategy: 'ROLLING' | 'BLUE_GREEN' | 'LINEAR' | 'CANARY';
  mode: 'replica' | 'daemon' | 'fargate';
  desiredCount: number;
  minimumHealthyPercent: number;
  maximumPercent: number;
  /** The deployment circuit breaker: stops the deployment (and rolls back) after too many failed tasks, or none. */
  circuitBreaker?: 'rollback' | 'stop' | 'none';
  durationSeconds: number;
  peakTasks: number;
  peakInstances: number;
  steps: DeploymentStep[];
  events: DeploymentEvent[];
  /** Share of production traffic on the new revision over time (blue/green, linear, canary). */
  traffic?: Array<{ t: number; percent: number }>;
  /** Each capacity-provider scale-out: when managed scaling decided it, and the instances launched. */
  launches?: InstanceLaunch[];
  reason?: { code: string; message: string };
  fixes?: string[];
  blocked?: BlockedTask;
  /** Where the new tasks run once the deployment has run (instance id per task). */
  placements: Array<{ instance: string; tasks: number }>;
  timeline?: DeploymentTimeline;
  notes: string[];
  errors: InputError[];
}

export interface ScalingRequest {
  cluster: unknown;
  service: unknown;
  taskDefinition: unknown;
  /** register-scalable-target input. */
  target: unknown;
  /** put-scaling-policy input, or a list of them; step scaling carries its alarms under `Alarms`. */
  policy: unknown;
  /** Extra put-metric-alarm inputs for step scaling. */
  alarms?: unknown[];
  /** A load profile: `{"metric": …, "demand": [[seconds, amount], …]}`. */
  load: unknown;
  /** Seconds simulated (default 2 hours). */
  durationSeconds?: number;
  options?: DynamicsOptions;
}

export interface ScalingPoint {
  t: number;
  /** The service's total demand at this minute, in the load profile's unit. */
  load: number;
  /** The metric the policies watch: average utilization in percent, or requests per target. */
  utilization: number | null;
  desired: number;
  running: number;
  pending: number;
  provisioning: number;
  instances: number;
  /** The capacity provider's metric; null without a capacity provider with managed scaling. */
  capacityProviderReservation: number | null;
}

export interface ScalingResult {
  series: ScalingPoint[];
  events: DeploymentEvent[];
  summary: {
    peakDesired: number;
    peakInstances: number;
    secondsBelowDesired: number;
    /** Tasks the service wanted but that were not running at the end. */
    unplacedAtEnd: number;
    provisioningAtEnd: number;
  };
  /** What may make the run answer another question than asked: a scalable target or policy of another service. */
  warnings: string[];
  /** Each capacity-provider scale-out: when managed scaling decided it, and the instances launched. */
  launches?: InstanceLaunch[];
  notes: string[];
  errors: InputError[];
}
