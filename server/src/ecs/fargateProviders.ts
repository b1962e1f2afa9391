// Source: Amazon ECS Developer Guide, "AWS Fargate capacity providers" (fargate-capacity-providers.html): the two
// providers every cluster can use for Fargate. The rules and the simulators read them here.
export const FARGATE_PROVIDERS: readonly string[] = ['FARGATE', 'FARGATE_SPOT'];

export function isFargateProvider(name: string): boolean {
  return FARGATE_PROVIDERS.includes(name);
}

// Source: Amazon ECS Developer Guide, "Amazon ECS capacity providers" (cluster-capacity-providers.html): a cluster may
// hold both kinds, but one capacity provider strategy holds Fargate providers or Auto Scaling group providers only.
/** Whether a strategy's provider names mix the two kinds (names not known yet are left out). */
export function mixesProviderKinds(names: readonly string[]): boolean {
  return names.some(isFargateProvider) && names.some((n) => n !== '' && !isFargateProvider(n));
}
