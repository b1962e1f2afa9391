// Source: Application Auto Scaling API Reference, RegisterScalableTarget, ResourceId: an ECS service is
// `service/<cluster-name>/<service-name>`; a cluster ARN ends in `cluster/<cluster-name>` (ECS API, Cluster).

/** The ResourceId an ECS service's scalable target and policies carry. */
export function serviceResourceId(cluster: string, service: string): string {
  return `service/${cluster}/${service}`;
}

/** The cluster and service an ECS ResourceId names; undefined when it is not one. */
export function parseServiceResourceId(value: string): { cluster: string; service: string } | undefined {
  const m = /^service\/([^/]+)\/([^/]+)$/.exec(value);
  return m ? { cluster: m[1], service: m[2] } : undefined;
}

/** A cluster's name from its name or ARN. */
export function clusterName(value: string): string {
  const m = /^arn:[^:]+:ecs:[^:]*:[^:]*:cluster\/(.+)$/.exec(value);
  return m ? m[1] : value;
}
