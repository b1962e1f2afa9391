import type { CqlCompletion, CqlInstance } from '../../../server/src/cql';

/** Splits a fixture with `|` marking the cursor. */
export function cursor(fixture: string): { text: string; offset: number } {
  const offset = fixture.indexOf('|');
  return { text: fixture.slice(0, offset) + fixture.slice(offset + 1), offset };
}

export function apply(text: string, c: CqlCompletion): string {
  return text.slice(0, c.replaceOffset) + c.insertText + text.slice(c.replaceOffset + c.replaceLength);
}

export function instance(overrides: Partial<CqlInstance> = {}): CqlInstance {
  return {
    ec2InstanceId: 'i-abcd1234',
    attributes: {
      'ecs.instance-type': 't2.small',
      'ecs.availability-zone': 'us-east-1a',
      'ecs.os-type': 'linux',
      'ecs.cpu-architecture': 'x86_64',
    },
    agentConnected: true,
    agentVersion: '1.14.5',
    registeredAt: '2018-06-18T22:28:28Z',
    runningTasksCount: 1,
    taskGroups: [],
    ...overrides,
  };
}
