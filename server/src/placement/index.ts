/**
 * The task-placement simulator: pure functions from parsed JSON to a SimulationResult.
 */
export { explainTask, preparePlacement, simulate, type PlacementSetup } from './engine';
export { PlacementRun, type PlaceOutcome } from './run';
export { parseCluster } from './clusterModel';
export type * from './types';
