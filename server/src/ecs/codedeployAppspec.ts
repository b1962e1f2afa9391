// CodeDeploy user guide, reference-appspec-file-structure-resources.html (AppSpec "Resources" section for Amazon ECS):
// each element of Resources holds TargetService, whose Properties.LoadBalancerInfo names the container and port
// the load balancer routes to in the task definition being deployed.
export const appspecLoadBalancerInfo = ['TargetService', 'Properties', 'LoadBalancerInfo'] as const;

/** An appspec file's name: appspec.yaml, appspec.yml, appspec.json (and variants such as appspec-canary.yaml). */
export const appspecFileName = /(^|\/)appspec[^/]*\.(ya?ml|json)$/i;
