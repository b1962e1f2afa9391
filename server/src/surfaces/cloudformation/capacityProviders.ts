import type { DeclaredCapacity } from '../capacity';
import { intrinsicOf } from './intrinsics';
import { entry, parseTemplate, type TNode } from './parse';

type Json = Record<string, unknown>;

/**
 * The capacity providers a template declares, in the form a cluster file states them (`capacityProviders`,
 * `defaultCapacityProviderStrategy`), so that the simulator reads them through the one managed-scaling model
 * (placement/managedScaling.ts parseCapacityProviders). `AWS::ECS::CapacityProvider` gives a provider
 * (AutoScalingGroupProvider.ManagedScaling, ManagedTerminationProtection, the referenced group's MinSize and
 * MaxSize); `AWS::ECS::ClusterCapacityProviderAssociations` the cluster's default strategy (the association
 * of the service's cluster, or the only one). A value the template does not give (a `Ref` to a parameter
 * without default, a `GetAtt`) is left out: the model then treats it as not stated.
 */
export function templateCapacity(text: string, serviceAddress?: string): DeclaredCapacity {
  return templateCapacityOf(parseTemplate(text).root, serviceAddress);
}

/** The same, from the template's tree (read once with its resources). */
export function templateCapacityOf(root: TNode | undefined, serviceAddress?: string): DeclaredCapacity {
  const resources = entry(root, 'Resources')?.value;
  const out: DeclaredCapacity = { capacityProviders: [] };
  if (!root || resources?.type !== 'map') return out;
  const parameters = entry(root, 'Parameters')?.value;
  const resourceOf = (name: string) => entry(resources, name)?.value;
  const typeOf = (node: TNode | undefined) => {
    const t = entry(node, 'Type')?.value;
    return t?.type === 'scalar' ? String(t.value) : undefined;
  };
  /** A scalar the template gives: written, or a parameter's default; a provider's name through its `Ref`. */
  const scalar = (node: TNode | undefined): string | number | boolean | undefined => {
    if (!node) return undefined;
    const call = intrinsicOf(node);
    if (!call) return node.type === 'scalar' && node.value !== null ? node.value : undefined;
    if (call.fn !== 'Ref' || call.args.type !== 'scalar') return undefined;
    const name = String(call.args.value);
    const target = resourceOf(name);
    if (target && typeOf(target) === 'AWS::ECS::CapacityProvider') return providerName(name);
    const def = entry(entry(parameters, name)?.value, 'Default')?.value;
    return def && !intrinsicOf(def) && def.type === 'scalar' && def.value !== null ? def.value : undefined;
  };
  const providerName = (logicalId: string): string => {
    const name = scalar(entry(entry(resourceOf(logicalId), 'Properties')?.value, 'Name')?.value);
    // Without a Name, CloudFormation generates one; the logical ID stands for it (a Ref to it reads the same).
    return typeof name === 'string' ? name : logicalId;
  };
  const number = (node: TNode | undefined): number | undefined => {
    const v = scalar(node);
    return typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,15}$/.test(v.trim()) ? Number(v) : undefined;
  };
  const set = (target: Json, key: string, value: unknown) => {
    if (value !== undefined) target[key] = value;
  };

  for (const r of resources.entries) {
    if (typeOf(r.value) !== 'AWS::ECS::CapacityProvider') continue;
    const props = entry(r.value, 'Properties')?.value;
    const group = entry(props, 'AutoScalingGroupProvider')?.value;
    const provider: Json = { name: providerName(r.key) };
    const scaling = entry(group, 'ManagedScaling')?.value;
    if (scaling?.type === 'map') {
      const managed: Json = {};
      set(managed, 'status', scalar(entry(scaling, 'Status')?.value));
      for (const [property, member] of [
        ['TargetCapacity', 'targetCapacity'],
        ['MinimumScalingStepSize', 'minimumScalingStepSize'],
        ['MaximumScalingStepSize', 'maximumScalingStepSize'],
        ['InstanceWarmupPeriod', 'instanceWarmupPeriod'],
      ])
        set(managed, member, number(entry(scaling, property)?.value));
      provider.managedScaling = managed;
    }
    set(provider, 'managedTerminationProtection', scalar(entry(group, 'ManagedTerminationProtection')?.value));
    // The Auto Scaling group the provider names by Ref, when the template declares it: its size bounds.
    const arn = entry(group, 'AutoScalingGroupArn')?.value;
    const call = arn && intrinsicOf(arn);
    const asg = call?.fn === 'Ref' && call.args.type === 'scalar' ? resourceOf(String(call.args.value)) : undefined;
    if (asg && typeOf(asg) === 'AWS::AutoScaling::AutoScalingGroup') {
      const asgProps = entry(asg, 'Properties')?.value;
      const autoScalingGroup: Json = {};
      set(autoScalingGroup, 'minSize', number(entry(asgProps, 'MinSize')?.value));
      set(autoScalingGroup, 'maxSize', number(entry(asgProps, 'MaxSize')?.value));
      provider.autoScalingGroup = autoScalingGroup;
    }
    out.capacityProviders.push(provider);
  }

  const associations = resources.entries.filter(
    (r) => typeOf(r.value) === 'AWS::ECS::ClusterCapacityProviderAssociations',
  );
  const serviceCluster = serviceAddress
    ? clusterKey(entry(entry(resourceOf(serviceAddress), 'Properties')?.value, 'Cluster')?.value)
    : undefined;
  const association =
    associations.find(
      (a) =>
        serviceCluster !== undefined &&
        clusterKey(entry(entry(a.value, 'Properties')?.value, 'Cluster')?.value) === serviceCluster,
    ) ?? (associations.length === 1 ? associations[0] : undefined);
  const strategy = entry(entry(association?.value, 'Properties')?.value, 'DefaultCapacityProviderStrategy')?.value;
  if (strategy?.type === 'seq') {
    out.defaultCapacityProviderStrategy = strategy.items.map((item) => {
      const share: Json = {};
      set(share, 'capacityProvider', scalar(entry(item, 'CapacityProvider')?.value));
      set(share, 'weight', number(entry(item, 'Weight')?.value));
      set(share, 'base', number(entry(item, 'Base')?.value));
      return share;
    });
  }
  return out;
}

/** How a `Cluster` property names its cluster, for comparing two of them: the literal, or what it references. */
function clusterKey(node: TNode | undefined): string | undefined {
  if (!node) return undefined;
  const call = intrinsicOf(node);
  if (!call) return node.type === 'scalar' ? String(node.value) : undefined;
  if (call.fn === 'Ref' && call.args.type === 'scalar') return `Ref:${String(call.args.value)}`;
  return undefined;
}
