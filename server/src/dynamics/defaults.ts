/**
 * The simulator's own assumptions for timings that no ECS file or API default holds.
 * They are inputs (CLI options, panel fields); these are the values used when none is given.
 */
export const simulatorDefaults = {
  /** Image pull and container start on a warm instance. */
  taskStartSeconds: 30,
  /** EC2 launch, boot and ECS agent registration. */
  instanceLaunchSeconds: 120,
  /** How often the service scheduler retries tasks it could not place. */
  schedulerRetrySeconds: 60,
  /** The longest deployment simulated before it is reported as not finishing. */
  deploymentHorizonSeconds: 6 * 3600,
  /** Instances recorded per step for the panel's picture. */
  timelineInstances: 40,
} as const;
