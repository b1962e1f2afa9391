/** What ECS Lens takes a JSON document to be. */
export type DocumentKind = 'task-definition' | 'service' | 'describe-output' | 'cluster' | 'unknown';
