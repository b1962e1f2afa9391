/**
 * Over time, on top of the placement engine: deployments and auto scaling as discrete-event simulations.
 */
export { simulateDeployment } from './deployment';
export { simulateScaling } from './scaling';
export { otherRevisions, simulateWithDeployment } from './afterDeployment';
export type * from './types';
