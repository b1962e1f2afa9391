/** What ECS Lens takes a JSON document to be. */
export type DocumentKind =
  | 'task-definition'
  | 'service'
  | 'describe-output'
  | 'cluster'
  | 'container-definitions'
  | 'scalable-target'
  | 'scaling-policy'
  | 'load-profile'
  | 'daemon-task-definition'
  | 'express-service'
  /** A CodeDeploy AppSpec file for Amazon ECS, read by its own surface. */
  | 'appspec'
  | 'unknown';
