/**
 * What the panel's form offers, from the ECS tables: strategy and constraint types, and the range and default of
 * each managed-scaling member it edits. The panel holds none of these itself.
 */
import { managedScalingField, panelManagedScalingMembers } from '../ecs/managedScaling';
import { placementConstraintTypes } from '../ecs/placementConstraints';
import { placementStrategyTypes, strategyType } from '../ecs/placementStrategies';
import type { PlacementOptionsResponse } from '../protocol';
import type { QuickClusterSpec } from './simulationTypes';

/**
 * The cluster the panel starts with when the workspace has none: three instances of a general-purpose type
 * (ecs/instanceTypes.ts), one in each of three zones of one Region, so the service's default zone spread shows.
 */
export const defaultQuickCluster: Readonly<QuickClusterSpec> = {
  instanceType: 'm5.large',
  count: 3,
  availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
};

export function placementOptions(): PlacementOptionsResponse {
  return {
    strategyTypes: placementStrategyTypes.map((t) => ({ ...t })),
    constraintTypes: placementConstraintTypes.map((t) => ({ ...t })),
    managedScaling: Object.fromEntries(panelManagedScalingMembers.map((m) => [m, managedScalingField(m)])),
    // A row the user adds starts as binpack on its default field, and a constraint as the first type (no expression).
    newStrategy: newRule('binpack'),
    newConstraint: { type: placementConstraintTypes[0].type },
    quickCluster: { ...defaultQuickCluster, availabilityZones: [...defaultQuickCluster.availabilityZones] },
  };
}

function newRule(type: string): PlacementOptionsResponse['newStrategy'] {
  const info = strategyType(type) ?? placementStrategyTypes[0];
  return info.defaultField ? { type: info.type, field: info.defaultField } : { type: info.type };
}
