/**
 * Placement constraint types: what each takes. The simulator, the rules and (through the protocol) the panel read them here.
 * Source: @aws-sdk/client-ecs PlacementConstraint doc comments (type distinctInstance | memberOf; "You can't specify an
 * expression if the constraint type is distinctInstance"), developer guide task-placement-constraints.html.
 */

export interface ConstraintTypeInfo {
  type: string;
  /** Whether the type is defined by a cluster query language expression. */
  takesExpression: boolean;
}

export const placementConstraintTypes: readonly ConstraintTypeInfo[] = [
  { type: 'distinctInstance', takesExpression: false },
  { type: 'memberOf', takesExpression: true },
];
