/**
 * The parts of a create-service input that drive placement.
 */
import { textOf } from './text';
import type { PlacementConstraintInput, PlacementStrategyInput } from './types';

export interface ServiceSpec {
  name: string;
  desiredCount?: number;
  schedulingStrategy: 'REPLICA' | 'DAEMON';
  strategies?: PlacementStrategyInput[];
  constraints: PlacementConstraintInput[];
  launchType?: string;
  capacityProviders: string[];
}

export interface ParsedService {
  service?: ServiceSpec;
  errors: string[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseService(input: unknown): ParsedService {
  // describe-services output holds a list; the first service is the one simulated.
  const svc = isObject(input) && Array.isArray(input.services) && isObject(input.services[0]) ? input.services[0] : input;
  if (!isObject(svc)) return { errors: ['service: expected a JSON object'] };
  const errors: string[] = [];

  let desiredCount: number | undefined;
  if (svc.desiredCount !== undefined) {
    if (typeof svc.desiredCount === 'number' && Number.isInteger(svc.desiredCount) && svc.desiredCount >= 0) desiredCount = svc.desiredCount;
    else errors.push(`service: desiredCount must be a whole number, not ${JSON.stringify(svc.desiredCount)}`);
  }

  const strategies = Array.isArray(svc.placementStrategy)
    ? svc.placementStrategy.filter(isObject).map((s) => ({ type: textOf(s.type ?? ''), ...(typeof s.field === 'string' ? { field: s.field } : {}) }))
    : undefined;
  const constraints = Array.isArray(svc.placementConstraints)
    ? svc.placementConstraints.filter(isObject).map((c) => ({ type: textOf(c.type ?? ''), ...(typeof c.expression === 'string' ? { expression: c.expression } : {}) }))
    : [];
  const capacityProviders = Array.isArray(svc.capacityProviderStrategy)
    ? svc.capacityProviderStrategy.filter(isObject).map((c) => textOf(c.capacityProvider ?? ''))
    : [];

  return {
    service: {
      name: typeof svc.serviceName === 'string' ? svc.serviceName : 'service',
      desiredCount,
      schedulingStrategy: svc.schedulingStrategy === 'DAEMON' ? 'DAEMON' : 'REPLICA',
      strategies: strategies && strategies.length > 0 ? strategies : undefined,
      constraints,
      launchType: typeof svc.launchType === 'string' ? svc.launchType : undefined,
      capacityProviders,
    },
    errors,
  };
}
