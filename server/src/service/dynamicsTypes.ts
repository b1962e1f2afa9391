/** The inputs of the panel's Deployment and Scaling tabs, shared by the server and (through protocol.ts) the panel. */
import type { DynamicsOptions } from '../dynamics/types';

/** A cluster file of the workspace, or a cluster built from a few numbers in the panel. */
export type DynamicsClusterSource =
  { uri: string } | { quick: { instanceType: string; count: number; availabilityZones: string[] } };

export interface DynamicsInput {
  /** The active file: a task definition, describe-task-definition output or service. */
  uri: string;
  cluster: DynamicsClusterSource;
  options?: DynamicsOptions;
}

export interface ScalingInput extends DynamicsInput {
  /** Chosen files; without them, the workspace's nearest of each kind. */
  target?: string;
  policy?: string;
  load?: string;
  durationSeconds?: number;
}

/** The files a run used, for the panel to name and open. */
export interface DynamicsSources {
  taskDefinition?: string;
  service?: string;
  cluster?: string;
  target?: string;
  policy?: string;
  load?: string;
  /** Files of each scaling kind in the workspace, nearest first, for the panel's pickers. */
  targets?: string[];
  policies?: string[];
  loads?: string[];
}
