// Source: Amazon ECS Developer Guide, LogConfiguration (Fargate drivers) and "Using the awslogs log driver" options.

export const fargateLogDrivers: readonly string[] = ['awslogs', 'splunk', 'awsfirelens'];

export const awslogsRequiredOptions: readonly string[] = ['awslogs-group', 'awslogs-region'];

/** Fargate also needs the stream prefix (optional on EC2). */
export const awslogsRequiredOnFargate: readonly string[] = ['awslogs-stream-prefix'];

/** Options the awslogs driver understands (Docker's awslogs driver plus the ECS stream prefix). */
export const awslogsOptions: readonly string[] = [
  'awslogs-group',
  'awslogs-region',
  'awslogs-stream-prefix',
  'awslogs-stream',
  'awslogs-create-group',
  'awslogs-datetime-format',
  'awslogs-multiline-pattern',
  'awslogs-endpoint',
  'awslogs-credentials-endpoint',
  'awslogs-format',
  'awslogs-force-flush-interval-seconds',
  'awslogs-max-buffer-size',
  'mode',
  'max-buffer-size',
  'tag',
];
