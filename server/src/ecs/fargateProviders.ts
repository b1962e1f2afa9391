// Source: Amazon ECS Developer Guide, "AWS Fargate capacity providers" (fargate-capacity-providers.html): the two
// providers every cluster can use for Fargate. The rules and the simulators read them here.
export const FARGATE_PROVIDERS: readonly string[] = ['FARGATE', 'FARGATE_SPOT'];

export function isFargateProvider(name: string): boolean {
  return FARGATE_PROVIDERS.includes(name);
}
