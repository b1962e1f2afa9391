import type { DeployContextName } from '../ecs/deployTools';

/** Settings as the server sees them, one object per document (pulled with its scope URI). */
export type RuleLevel = 'off' | 'hint' | 'information' | 'warning' | 'error';

export interface EcsLensSettings {
  validate: { enable: boolean };
  files: {
    taskDefinition: string[];
    service: string[];
    cluster: string[];
    daemonTaskDefinition: string[];
    expressService: string[];
  };
  /** Severity overrides by rule code. */
  rules: Record<string, RuleLevel>;
  /** Deploy context by file glob (relative to the repository), over what the repository says. */
  deployContext: Record<string, DeployContextName>;
  /** Source syntaxes read besides ECS JSON files (`terraform`, `cloudformation`): false turns one off. */
  surfaces?: Partial<Record<'terraform' | 'cloudformation', boolean>>;
  trace: { server: 'off' | 'messages' | 'verbose' };
}

export const defaultSettings: EcsLensSettings = {
  validate: { enable: true },
  files: {
    taskDefinition: ['**/*task-def*.json', '**/*taskdef*.json', '**/*task-definition*.json', '**/ecs-task-def.json'],
    service: ['**/*service-def*.json', '**/ecs-service-def.json'],
    cluster: ['**/*.cluster.json'],
    // Checked before the task-definition and service patterns, which would also match these names.
    daemonTaskDefinition: ['**/*daemon-task-def*.json'],
    expressService: ['**/*express-service*.json'],
  },
  rules: {},
  deployContext: {},
  trace: { server: 'off' },
};
