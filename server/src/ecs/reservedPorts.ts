// Source: Amazon ECS Developer Guide, container agent configuration (ECS_RESERVED_PORTS default) and PortMapping hostPort.

/** Host ports the container agent reserves on every Linux container instance by default. */
export const defaultReservedPorts: readonly number[] = [22, 2375, 2376, 51678, 51679];

/** Docker's fallback ephemeral range on Linux, used for dynamic host ports. */
export const ephemeralPortRange = { from: 49153, to: 65535 } as const;

export const portRange = { from: 1, to: 65535 } as const;

export function isEphemeralPort(port: number): boolean {
  return port >= ephemeralPortRange.from && port <= ephemeralPortRange.to;
}

// Source: ECS container agent, agent/config/config_windows.go (DefaultConfig ReservedPorts): Docker 2375/2376,
// the agent 51678/51679, RDP 3389, RPC 135, SMB 445, WinRM 5985/5986, DNS 53, NetBIOS 139.
/** Host ports the container agent reserves on every Windows container instance by default. */
export const windowsReservedPorts: readonly number[] = [53, 135, 139, 445, 2375, 2376, 3389, 5985, 5986, 51678, 51679];

// Source: ECS container agent, agent/config/config_windows.go (platformOverrides): with task IAM roles enabled
// the credential proxy takes host port 80, which the agent adds to the reserved ports. The guide's Windows
// user data (Initialize-ECSAgent -EnableTaskIAMRole) turns task IAM roles on, so ECS Lens assumes it unless told.
export const windowsTaskIamRolePort = 80;
export const windowsTaskIamRoleDefault = true;

/** The host ports the agent reserves by default on an instance of this OS. */
export function agentReservedPorts(osType: string | undefined, taskIamRole?: boolean): number[] {
  if (osType !== 'windows') return [...defaultReservedPorts];
  const ports = [...windowsReservedPorts];
  if (taskIamRole ?? windowsTaskIamRoleDefault) ports.push(windowsTaskIamRolePort);
  return ports;
}

// Source: Amazon ECS Developer Guide, task definition parameters, portMappings hostPort: up to 100 reserved
// ports per container instance at a time, the default ones included; automatically assigned ports do not count.
export const maxReservedPortsPerInstance = 100;
