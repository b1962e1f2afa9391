type Json = Record<string, unknown>;

/**
 * Capacity providers a source file declares beside its service (a template's `AWS::ECS::CapacityProvider`),
 * in the form a cluster file states them, so that the simulator reads them through the one model that reads
 * a cluster file's (placement/managedScaling.ts parseCapacityProviders).
 */
export interface DeclaredCapacity {
  capacityProviders: Json[];
  defaultCapacityProviderStrategy?: Json[];
}

/**
 * A cluster file's JSON with the declared providers added: each provider the file does not name itself,
 * and the default strategy when the file gives none. The cluster file stays the authority on what it states.
 */
export function withDeclaredCapacity(cluster: unknown, capacity: DeclaredCapacity | undefined): unknown {
  if (!capacity || typeof cluster !== 'object' || cluster === null || Array.isArray(cluster)) return cluster;
  const file = cluster as Json;
  const listed: unknown[] = Array.isArray(file.capacityProviders) ? file.capacityProviders : [];
  const named = new Set(listed.map((p) => (p && typeof p === 'object' ? (p as Json).name : undefined)));
  const added = capacity.capacityProviders.filter((p) => !named.has(p.name));
  const merged: Json = { ...file };
  if (added.length) merged.capacityProviders = [...listed, ...added];
  const fileStrategy = file.defaultCapacityProviderStrategy;
  if (capacity.defaultCapacityProviderStrategy && !(Array.isArray(fileStrategy) && fileStrategy.length))
    merged.defaultCapacityProviderStrategy = capacity.defaultCapacityProviderStrategy;
  return merged;
}
