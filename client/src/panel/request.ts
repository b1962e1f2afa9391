import type { SimulationOptions } from '../../../server/src/protocol';
import type { PanelInputs } from './messages';

/** The panel's inputs as simulation options; only what the user set is sent, so the files' values apply otherwise. */
export function simulationOptions(inputs: PanelInputs): SimulationOptions {
  const options: SimulationOptions = {};
  if (inputs.desiredCount !== undefined) options.count = inputs.desiredCount;
  if (inputs.seed !== undefined) options.seed = inputs.seed;
  if (inputs.placementStrategy) options.placementStrategy = inputs.placementStrategy;
  if (inputs.placementConstraints) options.placementConstraints = inputs.placementConstraints;
  const cp = inputs.capacityProvider;
  if (
    cp &&
    (cp.instanceType ||
      cp.targetCapacity !== undefined ||
      cp.minimumScalingStepSize !== undefined ||
      cp.maximumScalingStepSize !== undefined)
  ) {
    options.capacityProvider = {};
    if (cp.instanceType) options.capacityProvider.instanceType = cp.instanceType;
    if (cp.targetCapacity !== undefined) options.capacityProvider.targetCapacity = cp.targetCapacity;
    if (cp.minimumScalingStepSize !== undefined)
      options.capacityProvider.minimumScalingStepSize = cp.minimumScalingStepSize;
    if (cp.maximumScalingStepSize !== undefined)
      options.capacityProvider.maximumScalingStepSize = cp.maximumScalingStepSize;
  }
  return options;
}
