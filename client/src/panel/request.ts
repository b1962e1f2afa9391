import type { SimulationOptions, SimulationRequest } from '../../../server/src/placement/types';
import type { ClusterChoice, PanelInputs } from './messages';

/** A file's text could not be read or parsed; the message is shown in the panel. */
export class InputError extends Error {}

/** The compact cluster file format (schemas/cluster.schema.json) for a cluster built in the panel. */
export function quickCluster(choice: Extract<ClusterChoice, { kind: 'quick' }>): unknown {
  const availabilityZones = choice.availabilityZones.map((az) => az.trim()).filter((az) => az !== '');
  // `count` is the group's total, balanced over the zones; the schema wants at least one zone when the list is given.
  return {
    instanceGroups: [
      { instanceType: choice.instanceType.trim(), ...(availabilityZones.length > 0 ? { availabilityZones } : {}), count: choice.count },
    ],
  };
}

/** JSON.parse with the file named in the error; a BOM is not an error. */
export function parseJson(text: string, label: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new InputError(`${label}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The panel's inputs as simulation options; only what the user set is sent, so the files' values apply otherwise. */
export function simulationOptions(inputs: PanelInputs): SimulationOptions {
  const options: SimulationOptions = {};
  if (inputs.desiredCount !== undefined) options.count = inputs.desiredCount;
  if (inputs.seed !== undefined) options.seed = inputs.seed;
  if (inputs.placementStrategy) options.placementStrategy = inputs.placementStrategy;
  if (inputs.placementConstraints) options.placementConstraints = inputs.placementConstraints;
  const cp = inputs.capacityProvider;
  if (cp && (cp.instanceType || cp.targetCapacity !== undefined || cp.minimumScalingStepSize !== undefined || cp.maximumScalingStepSize !== undefined)) {
    options.capacityProvider = {};
    if (cp.instanceType) options.capacityProvider.instanceType = cp.instanceType;
    if (cp.targetCapacity !== undefined) options.capacityProvider.targetCapacity = cp.targetCapacity;
    if (cp.minimumScalingStepSize !== undefined) options.capacityProvider.minimumScalingStepSize = cp.minimumScalingStepSize;
    if (cp.maximumScalingStepSize !== undefined) options.capacityProvider.maximumScalingStepSize = cp.maximumScalingStepSize;
  }
  return options;
}

export function simulationRequest(taskDefinition: unknown, service: unknown, cluster: unknown, inputs: PanelInputs): SimulationRequest {
  const request: SimulationRequest = { taskDefinition, cluster, options: simulationOptions(inputs) };
  if (service !== undefined) request.service = service;
  return request;
}
