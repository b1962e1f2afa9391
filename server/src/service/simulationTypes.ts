/** The shapes of a placement simulation's inputs, shared by the server and (through protocol.ts) the panel. */

/** A cluster built from a few numbers instead of a file (the panel's quick cluster). */
export interface QuickClusterSpec {
  instanceType: string;
  /** Instances in total, balanced over the zones. */
  count: number;
  availabilityZones: string[];
}

/** Where the cluster of a simulation comes from: a cluster file of the workspace, or a quick cluster. */
export type ClusterSource = { uri: string } | { quick: QuickClusterSpec };

/** The files a simulation of a task definition or service uses. */
export interface SimulationSources {
  taskDefinition?: string;
  service?: string;
  /** The task-definition family, for titles. */
  family?: string;
  /** Cluster files of the workspace, those in the file's folder first. */
  clusters: string[];
}

/** The errors ECS would reject a simulated file for: how many, and the first, to name above any result. */
export interface InputErrors {
  count: number;
  first: { uri: string; line: number; character: number; code: string; message: string };
}
