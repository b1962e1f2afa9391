/**
 * Capacity-provider managed scaling: the API's defaults and ranges, and the figures the developer guide gives.
 * Read by the one managed-scaling model (placement/managedScaling.ts).
 */
import { ecsNumericLimits } from './limits';

// Source: @aws-sdk/client-ecs ManagedScaling doc comments (targetCapacity 100, step sizes 1 and 10000,
// instanceWarmupPeriod 300 s); developer guide, managed-scaling-behavior.md (scale-in after 15 one-minute datapoints).
export const managedScalingDefaults = {
  targetCapacity: 100,
  minimumScalingStepSize: 1,
  maximumScalingStepSize: 10000,
  instanceWarmupPeriod: 300,
  scaleInDatapoints: 15,
} as const;

// Source: developer guide, cluster-auto-scaling.md, "Scale-in considerations" (awsdocs/amazon-ecs-developer-guide):
// once scale-in has started, the group's desired capacity falls every minute, by more than one instance and by less
// than half the group. No exact count is given: the simulator takes at least one and at most half, rounded down.
export const managedScaleInStep = { minInstances: 1, maxShareOfGroup: 0.5 } as const;

// The valid range of each member: the limits the admission layer checks (limits.ts), named by member.
export const managedScalingBounds = {
  targetCapacity: ecsNumericLimits.targetCapacity,
  minimumScalingStepSize: ecsNumericLimits.scalingStepSize,
  maximumScalingStepSize: ecsNumericLimits.scalingStepSize,
  instanceWarmupPeriod: ecsNumericLimits.instanceWarmupPeriod,
} as const;

export type ManagedScalingMember = keyof typeof managedScalingBounds;

// Source: developer guide, managed-scaling-behavior.md: with tasks waiting and no instance running, the
// reservation reads 200, and the group's target tracking launches two instances.
export const reservationWithNoInstances = 200;
export const firstLaunchFromZero = 2;

// Source: developer guide, managed-scaling-behavior.md: ECS publishes CapacityProviderReservation once a minute.
export const reservationPeriodSeconds = 60;

/** The members the panel's capacity-provider fields edit, in the order they are shown. */
export const panelManagedScalingMembers = [
  'targetCapacity',
  'minimumScalingStepSize',
  'maximumScalingStepSize',
] as const;

/** A member's range and the value ECS takes when it is left out. */
export function managedScalingField(member: ManagedScalingMember): { min: number; max: number; default: number } {
  const { min, max } = managedScalingBounds[member];
  return { min, max, default: managedScalingDefaults[member] };
}
