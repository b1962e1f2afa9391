// Source: AWS General Reference, ARN formats for IAM, Secrets Manager, Systems Manager and S3; IAM name limits.

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(value: string): Arn | undefined {
  const m =
    /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|):(.+)$/.exec(value);
  if (!m) return undefined;
  return { partition: m[1], service: m[2], region: m[3], account: m[4], resource: m[5] };
}

const roleNamePattern = /^[\w+=,.@-]{1,64}$/;
const rolePathPattern = /^\/(?:[\x21-\x7e]*\/)?$/;

/** arn:<partition>:iam::<account>:role/<optional path/>name */
export function isIamRoleArn(value: string): boolean {
  const arn = parseArn(value);
  if (!arn || arn.service !== 'iam' || arn.region !== '' || arn.account === '') return false;
  if (!arn.resource.startsWith('role/')) return false;
  const rest = arn.resource.slice('role'.length);
  const slash = rest.lastIndexOf('/');
  return rolePathPattern.test(rest.slice(0, slash + 1)) && roleNamePattern.test(rest.slice(slash + 1));
}

export function isIamRoleName(value: string): boolean {
  return roleNamePattern.test(value);
}

export function isSecretsManagerArn(value: string): boolean {
  const arn = parseArn(value);
  return (
    !!arn &&
    arn.service === 'secretsmanager' &&
    arn.region !== '' &&
    arn.account !== '' &&
    /^secret:[\w/+=.@-]+(:.*)?$/.test(arn.resource)
  );
}

export function isSsmParameterArn(value: string): boolean {
  const arn = parseArn(value);
  return (
    !!arn &&
    arn.service === 'ssm' &&
    arn.region !== '' &&
    arn.account !== '' &&
    /^parameter\/[\w.\-/]+$/.test(arn.resource)
  );
}

/** A Systems Manager parameter name (same Region as the task): a-z A-Z 0-9 _ . - and / for hierarchies. */
export function isSsmParameterName(value: string): boolean {
  return /^\/?[\w.-]+(\/[\w.-]+)*$/.test(value) && value.length <= 2048;
}

/** arn:<partition>:s3:::<bucket>/<key> */
export function parseS3ObjectArn(value: string): { bucket: string; key: string } | undefined {
  const m =
    /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc):s3:::([A-Za-z0-9][A-Za-z0-9._-]{1,254})\/(.+)$/.exec(
      value,
    );
  return m ? { bucket: m[2], key: m[3] } : undefined;
}
