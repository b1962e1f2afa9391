/**
 * Task-definition references, one reading for every module: `family`, `family:revision` or the ARN
 * `arn:<partition>:ecs:<region>:<account>:task-definition/family:revision`.
 * Source: ECS API reference, CreateService taskDefinition and RegisterTaskDefinition family (letters, numbers,
 * hyphens and underscores: a family holds no colon or slash).
 */

/** The revision a task definition not registered yet stands for: the family's next, which no running task runs. */
export const unregisteredRevision = 'new';

/** `arn:…:task-definition/web:7`, `web:7` or `web` as `web:7` / `web`. */
export function revisionKey(ref: string): string {
  // Read by the last slash, not through parseArn: an ARN with a template placeholder in its Region or account
  // (`arn:aws:ecs:${AWS_REGION}:…`) does not parse, yet still ends in the family and revision it names, and no other
  // part of an ARN holds a slash.
  const slash = ref.lastIndexOf('/');
  return ref.startsWith('arn:') && slash >= 0 ? ref.slice(slash + 1) : ref;
}

/** The family and the revision number a reference names; a bare family names none. */
function familyAndRevision(ref: string): { family: string; revision?: number } {
  const key = revisionKey(ref);
  const colon = key.lastIndexOf(':');
  return colon > 0 && /^\d+$/.test(key.slice(colon + 1))
    ? { family: key.slice(0, colon), revision: Number(key.slice(colon + 1)) }
    : { family: key };
}

/** `family`, `family:3` or a task-definition ARN → the family. */
export function familyOfReference(ref: string | undefined): string | undefined {
  return ref ? familyAndRevision(ref).family : undefined;
}

/** `family:3` or a task-definition ARN ending `:3` → 3; a bare family → undefined. */
export function revisionOfReference(ref: string | undefined): number | undefined {
  return ref ? familyAndRevision(ref).revision : undefined;
}

/** Two references name the same revision; a bare family matches any revision of it. */
export function sameRevision(a: string, b: string): boolean {
  const ka = revisionKey(a);
  const kb = revisionKey(b);
  if (ka === kb) return true;
  const [fa, ra] = ka.split(':');
  const [fb, rb] = kb.split(':');
  return fa === fb && (ra === undefined || rb === undefined);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The revision a simulation places: the one the service names, else the task definition's own `family:revision`
 * (describe-task-definition output), else `family:new` for register-task-definition input.
 */
export function placedRevision(taskDefinition: unknown, serviceReference: string | undefined): string | undefined {
  if (serviceReference) return revisionKey(serviceReference);
  const td =
    isObject(taskDefinition) && isObject(taskDefinition.taskDefinition)
      ? taskDefinition.taskDefinition
      : taskDefinition;
  if (!isObject(td) || typeof td.family !== 'string') return undefined;
  return `${td.family}:${typeof td.revision === 'number' ? td.revision : unregisteredRevision}`;
}
