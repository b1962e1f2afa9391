/** The deploy context of a file: who consumes it decides what counts as a mistake. */
export type { DeployContext, DeployContextName, RepositoryFacts, RepositoryFile, ContextSource } from './types';
export { emptyRepositoryFacts } from './types';
export {
  isContextSource,
  learnRepository,
  deployContextOf,
  normalize as normalizeRepositoryPath,
  type ContextOverrides,
} from './detect';
export { consumedDocument, contextProblems, adjustSchemaProblems, ruleDocument, defaultDeployContext } from './apply';
export { deployContextNames, deployTools } from '../../ecs/deployTools';
