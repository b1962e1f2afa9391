// Source: @aws-sdk/client-ecs doc comments of RegisterTaskDefinitionRequest (pidMode, memory for 8 and 16 vCPU), the
// Developer Guide fargate-tasks-services.html task-size table (32 vCPU also needs Linux platform version 1.4.0)
// and the Developer Guide "Fargate Linux platform versions" (ephemeral storage above 20 GiB from 1.4.0).

/** The oldest Linux platform version that runs tasks with these features. */
export const fargateLinuxFeatureMinimums = {
  pidMode: '1.4.0',
  ephemeralStorage: '1.4.0',
  /** Task cpu of 8, 16 and 32 vCPU. */
  largeSizes: '1.4.0',
} as const;

/** Task cpu units that need the platform version above. */
export const fargateLargeCpu: readonly number[] = [8192, 16384, 32768];

/** The newest Linux platform version at the time of the pinned SDK; LATEST resolves to it. */
export const fargateLatestLinuxPlatformVersion = '1.4.0';

/** -1, 0, 1 as a is older, equal or newer than b ("1.3.0" vs "1.4.0"); undefined when either is not a version. */
export function comparePlatformVersions(a: string, b: string): number | undefined {
  const pa = /^(\d+)\.(\d+)\.(\d+)$/.exec(a);
  const pb = /^(\d+)\.(\d+)\.(\d+)$/.exec(b);
  if (!pa || !pb) return undefined;
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d) return Math.sign(d);
  }
  return 0;
}
