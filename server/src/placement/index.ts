/**
 * The task-placement simulator: pure functions from parsed JSON to a SimulationResult.
 */
export { simulate } from './engine';
export { parseCluster } from './clusterModel';
export { formatJson, formatText } from './format';
export { runSimulateCli } from './simulateCommand';
export type * from './types';
