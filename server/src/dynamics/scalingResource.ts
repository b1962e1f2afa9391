/**
 * Whether a scalable target or scaling policy belongs to a service: its ResourceId against the
 * service's name and cluster. A value that is absent or a placeholder is unknown, never a mismatch.
 */
import { isPlaceholder } from '../ecs/placeholders';
import { clusterName, parseServiceResourceId, serviceResourceId } from '../ecs/scalingResource';
import { isObject, serviceObject } from './serviceInputs';

export type ResourceMatch = { kind: 'match' | 'unknown' } | { kind: 'other'; resourceId: string; expected: string };

const known = (v: unknown): v is string => typeof v === 'string' && v !== '' && !isPlaceholder(v);

/** register-scalable-target or put-scaling-policy input, or the first of a describe output's list. */
function resourceIdOf(input: unknown, list: 'ScalableTargets' | 'ScalingPolicies'): unknown {
  const raw = isObject(input) && Array.isArray(input[list]) ? (input[list] as unknown[])[0] : input;
  return isObject(raw) ? raw.ResourceId : undefined;
}

/** Does the ResourceId of a scalable target (or policy) name this service? */
export function resourceMatch(
  service: unknown,
  input: unknown,
  list: 'ScalableTargets' | 'ScalingPolicies' = 'ScalableTargets',
): ResourceMatch {
  const resourceId = resourceIdOf(input, list);
  const svc = serviceObject(service);
  if (!known(resourceId) || !svc || !known(svc.serviceName)) return { kind: 'unknown' };
  const named = parseServiceResourceId(resourceId);
  if (!named) return { kind: 'unknown' };
  // Without a cluster in the service file, the deploy command names it: only the service name can differ.
  const cluster = known(svc.cluster) ? clusterName(svc.cluster) : undefined;
  const expected = serviceResourceId(cluster ?? named.cluster, svc.serviceName);
  if (named.service !== svc.serviceName || (cluster !== undefined && named.cluster !== cluster))
    return { kind: 'other', resourceId, expected };
  return { kind: 'match' };
}

/** Warnings for a scalable target and policies that name another service. */
export function resourceWarnings(service: unknown, target: unknown, policies: unknown[]): string[] {
  const warnings: string[] = [];
  const t = resourceMatch(service, target);
  if (t.kind === 'other')
    warnings.push(
      `The scalable target's ResourceId names another service than this one; it must be service/<cluster name>/<service name>.`,
    );
  for (const p of policies) {
    const m = resourceMatch(service, p, 'ScalingPolicies');
    if (m.kind === 'other')
      warnings.push(
        `The scaling policy's ResourceId names another service than this one; it must be service/<cluster name>/<service name>.`,
      );
  }
  return warnings;
}
