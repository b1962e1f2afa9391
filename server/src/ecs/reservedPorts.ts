// Source: Amazon ECS Developer Guide, container agent configuration (ECS_RESERVED_PORTS default) and PortMapping hostPort.

/** Host ports the container agent reserves on every Linux container instance by default. */
export const defaultReservedPorts: readonly number[] = [22, 2375, 2376, 51678, 51679];

/** Docker's fallback ephemeral range on Linux, used for dynamic host ports. */
export const ephemeralPortRange = { from: 49153, to: 65535 } as const;

export const portRange = { from: 1, to: 65535 } as const;

export function isEphemeralPort(port: number): boolean {
  return port >= ephemeralPortRange.from && port <= ephemeralPortRange.to;
}
