/**
 * Capacity-provider managed scaling, one model: the placement estimate, `deploy` and `scale` read a cluster's
 * providers with parseCapacityProviders, resolve one with resolveManagedScaling and ask scaleOutDecision and
 * scaleOutAt what the group does. ECS publishes CapacityProviderReservation = M / N × 100 (N instances in the
 * group, M the instances needed) and the group's target tracking policy moves N until it meets targetCapacity.
 * Sources: developer guide, managed-scaling-behavior.md (binpack estimate, 200 from zero, one datapoint a minute);
 * @aws-sdk/client-ecs ManagedScaling doc comments (defaults, step sizes, the exact minimum step of a group with
 * more than one instance type or Availability Zone).
 */
import {
  firstLaunchFromZero,
  managedScalingBounds,
  managedScalingDefaults,
  reservationPeriodSeconds,
  reservationWithNoInstances,
  type ManagedScalingMember,
} from '../ecs/managedScaling';
import type { SimInstance } from './clusterModel';
import { inputError, type InputError } from './inputErrors';
import type { CapacityProviderSettings } from './types';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*\d{1,15}(\.\d{1,15})?\s*$/.test(value)) return Number(value);
  return undefined;
}

function texts(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/** A capacity provider as the cluster file states it: what is not stated stays undefined (resolveManagedScaling fills the defaults). */
export interface CapacityProviderEntry extends CapacityProviderSettings {
  /** false when the file turns managed scaling off (`managedScaling: false` or `status: DISABLED`). */
  managedScaling?: boolean;
  managedTerminationProtection?: boolean;
  instanceWarmupPeriod?: number;
  minSize?: number;
  maxSize?: number;
  /** The group's instance types and zones, when the file lists them (else read from its instances). */
  instanceTypes?: string[];
  availabilityZones?: string[];
}

/** One provider entry: flat members or the API's nested `managedScaling` / `autoScalingGroup` objects. */
export function parseCapacityProvider(raw: Json, path: string, errors: InputError[]): CapacityProviderEntry {
  const ms = isObject(raw.managedScaling) ? raw.managedScaling : raw;
  const msPath = isObject(raw.managedScaling) ? `${path}.managedScaling` : path;
  const group = isObject(raw.autoScalingGroup) ? raw.autoScalingGroup : raw;
  const entry: CapacityProviderEntry = {};
  if (typeof raw.name === 'string') entry.name = raw.name;
  if (typeof raw.instanceType === 'string') entry.instanceType = raw.instanceType;
  for (const key of Object.keys(managedScalingBounds) as ManagedScalingMember[]) {
    const value = num(ms[key]);
    if (value === undefined) continue;
    const { min, max } = managedScalingBounds[key];
    if (!Number.isInteger(value) || value < min || value > max) {
      const at = `${msPath}.${key}`;
      errors.push(inputError('cluster', `must be a whole number from ${min} to ${max}`, at));
      continue;
    }
    entry[key] = value;
  }
  if (raw.managedScaling === false || (isObject(raw.managedScaling) && raw.managedScaling.status === 'DISABLED'))
    entry.managedScaling = false;
  if (raw.managedTerminationProtection === true || raw.managedTerminationProtection === 'ENABLED')
    entry.managedTerminationProtection = true;
  const minSize = num(group.minSize);
  const maxSize = num(group.maxSize);
  if (minSize !== undefined) entry.minSize = minSize;
  if (maxSize !== undefined) entry.maxSize = maxSize;
  const types = texts(group.instanceTypes);
  const zones = texts(group.availabilityZones);
  if (types) entry.instanceTypes = types;
  if (zones) entry.availabilityZones = zones;
  return entry;
}

/** The cluster file's providers: `capacityProvider` (one, serving the cluster's default strategy) and named `capacityProviders`. */
export function parseCapacityProviders(input: Json): {
  capacityProvider?: CapacityProviderEntry;
  providers: Map<string, CapacityProviderEntry>;
  errors: InputError[];
} {
  const errors: InputError[] = [];
  const providers = new Map<string, CapacityProviderEntry>();
  let capacityProvider = isObject(input.capacityProvider)
    ? parseCapacityProvider(input.capacityProvider, 'capacityProvider', errors)
    : undefined;
  const list = Array.isArray(input.capacityProviders) ? input.capacityProviders : [];
  list.forEach((raw, k) => {
    if (!isObject(raw)) return;
    const entry = parseCapacityProvider(raw, `capacityProviders[${k}]`, errors);
    if (entry.name !== undefined) providers.set(entry.name, entry);
    // A list of one provider without a name serves any name, as a single `capacityProvider` does.
    else if (list.length === 1 && !capacityProvider) capacityProvider = entry;
  });
  return { capacityProvider, providers, errors };
}

/** Every setting resolved: the file's values, then the caller's overrides, then the API defaults. */
export interface ManagedScaling {
  name?: string;
  instanceType: string;
  managedScaling: boolean;
  managedTerminationProtection: boolean;
  targetCapacity: number;
  minimumScalingStepSize: number;
  maximumScalingStepSize: number;
  instanceWarmupPeriod: number;
  minSize?: number;
  maxSize?: number;
  /** The group has more than one instance type or Availability Zone: ECS then adds exactly minimumScalingStepSize. */
  spansTypesOrZones: boolean;
}

/** What a simulation may set beyond the cluster file (panel fields, CLI options). */
export interface ManagedScalingOverrides extends CapacityProviderSettings {
  maxSize?: number;
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The type the group launches: the configured one, else the most common type of its instances (ties: first by name). */
export function groupInstanceType(
  entry: CapacityProviderSettings | undefined,
  instances: readonly SimInstance[],
): string | undefined {
  if (entry?.instanceType) return entry.instanceType;
  const counts = new Map<string, number>();
  for (const i of instances) if (i.instanceType) counts.set(i.instanceType, (counts.get(i.instanceType) ?? 0) + 1);
  let best: string | undefined;
  for (const [type, n] of counts)
    if (best === undefined || n > counts.get(best)! || (n === counts.get(best)! && byText(type, best) < 0)) best = type;
  return best;
}

/** The provider's settings with every default applied; undefined when no instance type is known. `instances` are the group's. */
export function resolveManagedScaling(
  entry: CapacityProviderEntry | undefined,
  overrides: ManagedScalingOverrides | undefined,
  instances: readonly SimInstance[],
): ManagedScaling | undefined {
  const given: CapacityProviderEntry = { ...entry, ...withoutUndefined(overrides ?? {}) };
  const instanceType = groupInstanceType(given, instances);
  if (!instanceType) return undefined;
  const d = managedScalingDefaults;
  const minStep = within(
    managedScalingBounds.minimumScalingStepSize,
    Math.floor(given.minimumScalingStepSize ?? d.minimumScalingStepSize),
  );
  const types = new Set(given.instanceTypes ?? instances.map((i) => i.instanceType).filter((t) => !!t));
  const zones = new Set(given.availabilityZones ?? instances.map((i) => i.availabilityZone).filter((z) => !!z));
  return {
    ...(given.name !== undefined ? { name: given.name } : {}),
    instanceType,
    managedScaling: given.managedScaling !== false,
    managedTerminationProtection: given.managedTerminationProtection === true,
    targetCapacity: within(managedScalingBounds.targetCapacity, given.targetCapacity ?? d.targetCapacity),
    minimumScalingStepSize: minStep,
    maximumScalingStepSize: Math.max(
      minStep,
      within(
        managedScalingBounds.maximumScalingStepSize,
        Math.floor(given.maximumScalingStepSize ?? d.maximumScalingStepSize),
      ),
    ),
    instanceWarmupPeriod: given.instanceWarmupPeriod ?? d.instanceWarmupPeriod,
    ...(given.minSize !== undefined ? { minSize: given.minSize } : {}),
    ...(given.maxSize !== undefined ? { maxSize: given.maxSize } : {}),
    spansTypesOrZones: types.size > 1 || zones.size > 1,
  };
}

/** A value held to its member's range (ecs/managedScaling.ts); the admission layer has refused values outside it. */
function within(range: { min: number; max: number }, value: number): number {
  return Math.min(range.max, Math.max(range.min, value));
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The group at one instant, as managed scaling sees it. */
export interface GroupState {
  /** Instances of the group registered with the cluster. */
  instances: number;
  /** Instances launched and not yet registered: they count toward the waiting tasks and the maximum size. */
  launching?: number;
  /** Of those, the ones running a task that is not a daemon's. */
  inUse: number;
  /** New instances the waiting (PROVISIONING) tasks need, binpacked on empty instances of the type; 0 when none wait. */
  instancesNeeded: number;
}

export interface ScaleOutDecision {
  /** Instances ECS adds to M for the waiting tasks (the scaling step); 0 when nothing waits. */
  step: number;
  /** CapacityProviderReservation, in percent. */
  reservation: number;
  /** The size the group's target tracking moves to. */
  groupTarget: number;
  /** Instances to launch now: toward the target, within the group's maximum size. */
  launch: number;
  /** The group's maximum size held the launch back. */
  atMaximum: boolean;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** What managed scaling does about the group's state: the step, the metric it publishes and the instances launched. */
export function scaleOutDecision(ms: ManagedScaling, state: GroupState): ScaleOutDecision {
  const n = state.instances;
  const launching = state.launching ?? 0;
  const needed = state.instancesNeeded - launching;
  const target = ms.targetCapacity;
  const step =
    needed <= 0
      ? 0
      : n === 0
        ? Math.max(firstLaunchFromZero, ms.minimumScalingStepSize)
        : ms.spansTypesOrZones
          ? ms.minimumScalingStepSize
          : Math.max(ms.minimumScalingStepSize, Math.min(ms.maximumScalingStepSize, needed));
  const empty = Math.max(0, n - state.inUse);
  let reservation: number;
  let groupTarget: number;
  if (step > 0) {
    // Tasks wait: M counts every instance of the group plus the step.
    reservation = n === 0 ? reservationWithNoInstances : round1(((n + step) / n) * 100);
    groupTarget = Math.ceil(((n + step) * 100) / target);
  } else if (empty > 0 && target === 100) {
    // Managed scale-in: 100 minus the empty instances (daemon-only ones are empty).
    reservation = 100 - empty;
    groupTarget = state.inUse;
  } else {
    reservation = n === 0 ? 100 : round1((state.inUse / n) * 100);
    groupTarget = Math.ceil((state.inUse * 100) / target);
  }
  let launch = step > 0 ? Math.max(0, groupTarget - n - launching) : 0;
  let atMaximum = false;
  if (ms.maxSize !== undefined && n + launching + launch > ms.maxSize) {
    launch = Math.max(0, ms.maxSize - n - launching);
    atMaximum = true;
  }
  return { step, reservation, groupTarget, launch, atMaximum };
}

/** The first whole minute strictly after `t`: a full datapoint of the reservation metric lies between. */
function nextPeriod(t: number): number {
  return Math.floor(t / reservationPeriodSeconds) * reservationPeriodSeconds + reservationPeriodSeconds;
}

function periodAtOrAfter(t: number): number {
  return Math.ceil(t / reservationPeriodSeconds) * reservationPeriodSeconds;
}

/**
 * When the group scales out for tasks waiting since `waitingSince`: after one full minute of the metric, not before
 * the warm-up of the last launch ends, and never before `now`; always a whole minute.
 */
export function scaleOutAt(waitingSince: number, warmupUntil: number, now: number): number {
  return Math.max(nextPeriod(waitingSince), periodAtOrAfter(warmupUntil), periodAtOrAfter(now));
}
