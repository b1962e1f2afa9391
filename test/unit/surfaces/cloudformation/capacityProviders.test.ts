import { test } from 'node:test';
import assert from 'node:assert/strict';
import { templateCapacity } from '../../../../server/src/surfaces/cloudformation/capacityProviders';
import { parseCapacityProviders } from '../../../../server/src/placement/managedScaling';
import { parseStrategy } from '../../../../server/src/placement/capacityProviders';

const template = `Parameters:
  Target:
    Type: Number
    Default: 75
  Step:
    Type: Number
Resources:
  Spot:
    Type: AWS::ECS::CapacityProvider
    Properties:
      Name: spot-provider
      AutoScalingGroupProvider:
        AutoScalingGroupArn: !GetAtt Elsewhere.Arn
        ManagedTerminationProtection: ENABLED
        ManagedScaling:
          TargetCapacity: !Ref Target
          MinimumScalingStepSize: !Ref Step
          MaximumScalingStepSize: !GetAtt Other.Size
          InstanceWarmupPeriod: 120
  OnDemand:
    Type: AWS::ECS::CapacityProvider
    Properties:
      AutoScalingGroupProvider:
        AutoScalingGroupArn: arn:aws:autoscaling:us-east-1:111122223333:autoScalingGroup:x
        ManagedScaling:
          Status: DISABLED
  ForOtherCluster:
    Type: AWS::ECS::ClusterCapacityProviderAssociations
    Properties:
      Cluster: batch
      DefaultCapacityProviderStrategy:
        - { CapacityProvider: !Ref OnDemand, Weight: 1 }
  ForWeb:
    Type: AWS::ECS::ClusterCapacityProviderAssociations
    Properties:
      Cluster: !Ref WebCluster
      DefaultCapacityProviderStrategy:
        - { CapacityProvider: !Ref Spot, Weight: 3, Base: 1 }
        - { CapacityProvider: !Ref OnDemand, Weight: 1 }
  WebCluster:
    Type: AWS::ECS::Cluster
  Service:
    Type: AWS::ECS::Service
    Properties:
      Cluster: !Ref WebCluster
`;

test("a template's capacity providers read as the cluster file's: defaults given, unknowns left unstated", () => {
  const capacity = templateCapacity(template, 'Service');
  const { providers, errors } = parseCapacityProviders({ capacityProviders: capacity.capacityProviders });
  assert.deepEqual(errors, []);
  assert.deepEqual(providers.get('spot-provider'), {
    name: 'spot-provider',
    targetCapacity: 75, // the parameter's default
    instanceWarmupPeriod: 120,
    managedTerminationProtection: true,
    // MinimumScalingStepSize (a parameter without default) and MaximumScalingStepSize (GetAtt): not stated
  });
  // Without a Name, the logical ID names it (as a Ref to it reads in the service).
  assert.deepEqual(providers.get('OnDemand'), { name: 'OnDemand', managedScaling: false });
  // The association of the service's cluster, not the other one.
  assert.deepEqual(parseStrategy(capacity.defaultCapacityProviderStrategy), [
    { capacityProvider: 'spot-provider', weight: 3, base: 1 },
    { capacityProvider: 'OnDemand', weight: 1, base: 0 },
  ]);
});
