import { OPERATORS, operatorsTesting, type Operator } from './operators';

export type SubjectKind =
  | 'attribute'
  | 'ec2InstanceId'
  | 'agentConnected'
  | 'agentVersion'
  | 'registeredAt'
  | 'runningTasksCount'
  | 'task:group';

/** How values of a subject are compared. */
export type ValueType = 'string' | 'boolean' | 'version' | 'date' | 'number' | 'group';

export interface SubjectInfo {
  kind: SubjectKind;
  /** Text of the subject; for attributes the prefix before the name. */
  label: string;
  valueType: ValueType;
  operators: readonly Operator[];
  description: string;
}

const ALL: readonly Operator[] = OPERATORS.map((o) => o.symbol);
const ORDERED: readonly Operator[] = operatorsTesting('equality', 'order');
const MEMBERSHIP: readonly Operator[] = operatorsTesting('equality', 'membership', 'pattern');

// Valid operators per subject as the developer guide's "cluster query language" page lists them;
// the guide lists none for task:group, which takes the membership operators like ec2InstanceId.
export const SUBJECTS: readonly SubjectInfo[] = [
  {
    kind: 'attribute',
    label: 'attribute:',
    valueType: 'string',
    operators: ALL,
    description: 'A container instance attribute, built in (`ecs.*`) or custom.',
  },
  {
    kind: 'ec2InstanceId',
    label: 'ec2InstanceId',
    valueType: 'string',
    operators: MEMBERSHIP,
    description: 'The EC2 instance ID of the container instance.',
  },
  {
    kind: 'agentConnected',
    label: 'agentConnected',
    valueType: 'boolean',
    operators: MEMBERSHIP,
    description: 'Whether the ECS container agent is connected (`true` or `false`).',
  },
  {
    kind: 'agentVersion',
    label: 'agentVersion',
    valueType: 'version',
    operators: ORDERED,
    description: 'Version of the ECS container agent, compared part by part (1.9.0 < 1.14.5).',
  },
  {
    kind: 'registeredAt',
    label: 'registeredAt',
    valueType: 'date',
    operators: ORDERED,
    description:
      'When the container instance registered with the cluster. Dates: `2018-06-18`, `2018-06-18T22:28:28`, `2018-06-18T22:28:28Z`, `2018-06-18T22:28:28+00:00`; without a zone, UTC.',
  },
  {
    kind: 'runningTasksCount',
    label: 'runningTasksCount',
    valueType: 'number',
    operators: ORDERED,
    description: 'Number of tasks running on the container instance.',
  },
  {
    kind: 'task:group',
    label: 'task:group',
    valueType: 'group',
    operators: MEMBERSHIP,
    description:
      'Task groups of the tasks running on the instance, e.g. `service:web` or `family:api`; `==` holds when any of them equals the value.',
  },
];

export function subjectInfo(kind: SubjectKind): SubjectInfo {
  return SUBJECTS.find((s) => s.kind === kind)!;
}

/** Attribute names: 1 to 128 letters, digits, `-`, `_`, `/`, `\` or `.`. */
export const ATTRIBUTE_NAME_MAX = 128;
export const ATTRIBUTE_NAME_CHAR = /[A-Za-z0-9\-_/\\.]/;

/** Classifies subject text; undefined when it is not a subject the language knows. */
export function classifySubject(text: string): { kind: SubjectKind; attributeName?: string } | undefined {
  if (text.startsWith('attribute:')) return { kind: 'attribute', attributeName: text.slice('attribute:'.length) };
  const found = SUBJECTS.find((s) => s.kind !== 'attribute' && s.label === text);
  return found ? { kind: found.kind } : undefined;
}
