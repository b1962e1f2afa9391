// Source: the credential formats their issuers document (AWS access key IDs, GitHub, Slack and Stripe tokens, PEM
// private keys) and the variable names AWS Config's ecs-no-environment-secrets and Trivy's AVD-AWS-0036 look for.

/** Name segments that mark a variable as holding a secret (names are split on `_`, `-` and `.`). */
export const secretNameWords: readonly string[] = [
  'PASSWORD',
  'PASSWD',
  'PWD',
  'SECRET',
  'TOKEN',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
  'PRIVATEKEY',
];

/** Adjacent segment pairs that mark a secret: API_KEY, ACCESS_KEY, PRIVATE_KEY, AUTH_DATA (ECS_ENGINE_AUTH_DATA). */
export const secretNamePairs: readonly (readonly [string, string])[] = [
  ['API', 'KEY'],
  ['ACCESS', 'KEY'],
  ['PRIVATE', 'KEY'],
  ['AUTH', 'DATA'],
  ['SIGNING', 'KEY'],
  ['ENCRYPTION', 'KEY'],
];

/** A last segment that makes the variable a reference to a secret or a setting about one, not the secret itself. */
export const secretNameReferenceSuffixes: readonly string[] = [
  'ARN',
  'ID',
  'NAME',
  'FILE',
  'PATH',
  'URL',
  'URI',
  'REGION',
  'TTL',
  'TIMEOUT',
  'EXPIRY',
  'EXPIRES',
  'LENGTH',
  'HEADER',
  'ENABLED',
  'ENABLE',
  'TYPE',
  'PARAM',
  'PARAMETER',
  'KEY_ID',
  'LOCATION',
  'DIR',
  'POLICY',
  'SECONDS',
  'MINUTES',
];

/** Values that are credentials by their format, whatever the variable is called. */
export const credentialFormats: readonly { name: string; pattern: RegExp }[] = [
  { name: 'an AWS access key ID', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'a GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/ },
  { name: 'a Slack token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
  { name: 'a Stripe secret key', pattern: /\b[sr]k_live_[A-Za-z0-9]{16,}/ },
  { name: 'a private key', pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/ },
];

/** A random-looking value at least this long, with at least this many bits of entropy per character, is a likely secret. */
export const highEntropy = { minLength: 24, bitsPerChar: 4.2 } as const;
