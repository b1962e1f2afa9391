// The files of `examples/` that `ecs-lens scale` runs on, as its flags: shared by the tests that run it.

/** `scale`'s flags for the EC2 worker example, paths relative to the repository root. */
export const scaleExample: readonly string[] = [
  '--cluster',
  'examples/web.cluster.json',
  '--service',
  'examples/ec2-worker-service-def.json',
  '--task-definition',
  'examples/ec2-worker-task-def.json',
  '--target',
  'examples/worker-scalable-target.json',
  '--policy',
  'examples/worker-scaling-policy.json',
  '--load',
  'examples/worker.load.json',
];

/** The same flags with one flag's file replaced. */
export function scaleExampleWith(flag: string, file: string): string[] {
  return scaleExample.map((arg, i) => (scaleExample[i - 1] === flag ? file : arg));
}
