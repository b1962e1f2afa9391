/**
 * awsvpc task limits per instance type, with and without ENI trunking, as the developer guide lists them.
 */
// Source: Amazon ECS Developer Guide, "Elastic network interface trunking" (container-instance-eni.html), supported instance types:
// awsvpc tasks per instance without and with ENI trunking. A type missing here does not support trunking.
const ROWS: Record<string, string> = {
  a1: 'medium 1 10,large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60',
  m5: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60,12xlarge 7 60,16xlarge 14 120,24xlarge 14 120',
  m5a: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60,12xlarge 7 60,16xlarge 14 120,24xlarge 14 120',
  m5ad: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60,12xlarge 7 60,16xlarge 14 120,24xlarge 14 120',
  m5d: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60,12xlarge 7 60,16xlarge 14 120,24xlarge 14 120,metal 14 120',
  m5n: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60,12xlarge 7 60,16xlarge 14 120',
  m5zn: 'large 2 14,xlarge 3 31,2xlarge 3 64,3xlarge 7 98,6xlarge 7 120',
  m6a: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 90,12xlarge 7 120,16xlarge 14 120,24xlarge 14 120,32xlarge 14 120,48xlarge 14 120,metal 14 120',
  m6g: 'medium 1 4,large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60,12xlarge 7 60,16xlarge 14 120,metal 14 120',
  m6gd: 'medium 1 4,large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60,12xlarge 7 60,16xlarge 14 120,metal 14 120',
  m6i: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 90,12xlarge 7 120,16xlarge 14 120,24xlarge 14 120,32xlarge 14 120,metal 14 120',
  m6id: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 90,12xlarge 7 120,16xlarge 14 120,24xlarge 14 120,32xlarge 14 120,metal 14 120',
  m6idn:
    'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 90,12xlarge 7 120,16xlarge 14 120,24xlarge 14 120,32xlarge 13 120,metal 13 120',
  m6in: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 90,12xlarge 7 120,16xlarge 14 120,24xlarge 14 120,32xlarge 13 120,metal 13 120',
  m7g: 'medium 1 4,large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60,12xlarge 7 60,16xlarge 14 120,metal 14 120',
  mac2: 'metal 7 12',
  c5: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,9xlarge 7 60,12xlarge 7 60,18xlarge 14 120,24xlarge 14 120',
  c5a: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60,12xlarge 7 60,16xlarge 14 120,24xlarge 14 120',
  c5ad: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,12xlarge 7 60,16xlarge 14 120,24xlarge 14 120',
  c5d: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,9xlarge 7 60,12xlarge 7 60,18xlarge 14 120,24xlarge 14 120',
  c6a: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 90,12xlarge 7 120,16xlarge 14 120,24xlarge 14 120,32xlarge 14 120,48xlarge 14 120,metal 14 120',
  c6g: 'medium 1 4,large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60,12xlarge 7 60,16xlarge 14 120,metal 14 120',
  c6gd: 'medium 1 4,large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60,12xlarge 7 60,16xlarge 14 120,metal 14 120',
  c6gn: 'medium 1 4,large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60,12xlarge 7 60,16xlarge 14 120',
  c6i: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 90,12xlarge 7 120,16xlarge 14 120,24xlarge 14 120,32xlarge 14 120,metal 14 120',
  c6id: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 90,12xlarge 7 120,16xlarge 14 120,24xlarge 14 120,32xlarge 14 120,metal 14 120',
  c6in: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 90,12xlarge 7 120,16xlarge 14 120,24xlarge 14 120,32xlarge 13 120,metal 13 120',
  c7g: 'medium 1 4,large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60,12xlarge 7 60,16xlarge 14 120,metal 14 120',
  hpc6a: '48xlarge 1 120',
  hpc6id: '32xlarge 1 120',
  r5: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,12xlarge 7 60,16xlarge 14 120,24xlarge 14 120',
  r5a: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60,12xlarge 7 60,16xlarge 14 120,24xlarge 14 120',
  r5ad: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60,12xlarge 7 60,16xlarge 14 120,24xlarge 14 120',
  r5b: '16xlarge 14 120',
  r5d: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60,12xlarge 7 60,16xlarge 14 120,24xlarge 14 120',
  r5dn: '16xlarge 14 120',
  r6a: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 90,12xlarge 7 120,16xlarge 14 120,24xlarge 14 120,32xlarge 14 120,48xlarge 14 120,metal 14 120',
  r6g: 'medium 1 4,large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60,12xlarge 7 60,16xlarge 14 120,metal 14 120',
  r6gd: 'medium 1 4,large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60,12xlarge 7 60,16xlarge 14 120,metal 14 120',
  r6i: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 90,12xlarge 7 120,16xlarge 14 120,24xlarge 14 120,32xlarge 14 120,metal 14 120',
  r6idn:
    'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 90,12xlarge 7 120,16xlarge 14 120,24xlarge 14 120,32xlarge 13 120,metal 13 120',
  r6in: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 90,12xlarge 7 120,16xlarge 14 120,24xlarge 14 120,32xlarge 13 120,metal 13 120',
  r6id: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 90,12xlarge 7 120,16xlarge 14 120,24xlarge 14 120,32xlarge 14 120,metal 14 120',
  r7g: 'medium 1 4,large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60,12xlarge 7 60,16xlarge 14 120,metal 14 120',
  x2gd: 'medium 1 10,large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60,12xlarge 7 60,16xlarge 14 120,metal 14 120',
  x2idn: '16xlarge 14 120,24xlarge 14 120,32xlarge 14 120,metal 14 120',
  x2iedn:
    'xlarge 3 13,2xlarge 3 29,4xlarge 7 60,8xlarge 7 120,16xlarge 14 120,24xlarge 14 120,32xlarge 14 120,metal 14 120',
  x2iezn: '2xlarge 3 64,4xlarge 7 120,6xlarge 7 120,8xlarge 7 120,12xlarge 14 120,metal 14 120',
  i4i: 'xlarge 3 8,2xlarge 3 28,4xlarge 7 58,8xlarge 7 118,16xlarge 14 248,32xlarge 14 498,metal 14 498',
  im4gn: 'large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60,16xlarge 14 120',
  is4gen: 'medium 1 4,large 2 10,xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60',
  dl1: '24xlarge 59 120',
  g4ad: 'xlarge 1 12,2xlarge 1 12,4xlarge 2 12,8xlarge 3 12,16xlarge 7 12',
  g5: 'xlarge 3 6,2xlarge 3 19,4xlarge 7 40,8xlarge 7 90,12xlarge 14 120,16xlarge 7 120,24xlarge 14 120,48xlarge 6 120',
  g5g: 'xlarge 3 20,2xlarge 3 40,4xlarge 7 60,8xlarge 7 60,16xlarge 14 120,metal 14 120',
  inf2: 'xlarge 3 20,8xlarge 7 90,24xlarge 14 120,48xlarge 14 120',
  p3: '2xlarge 3 40,8xlarge 7 60,16xlarge 7 120',
  p4d: '24xlarge 59 120',
  p4de: '24xlarge 59 120',
  trn1: '2xlarge 3 19,32xlarge 39 120',
  trn1n: '32xlarge 79 242',
  vt1: '3xlarge 3 40,6xlarge 7 60,24xlarge 14 120',
};

export interface EniTaskLimits {
  withoutTrunking: number;
  withTrunking: number;
}

const TABLE = new Map<string, EniTaskLimits>();
for (const [family, sizes] of Object.entries(ROWS)) {
  for (const row of sizes.split(',')) {
    const [size, without, withTrunk] = row.split(' ');
    TABLE.set(`${family}.${size}`, { withoutTrunking: Number(without), withTrunking: Number(withTrunk) });
  }
}

/** The guide's limits for the type, or undefined when the type is not listed (no trunking support). */
export function eniTaskLimits(instanceType: string): EniTaskLimits | undefined {
  return TABLE.get(instanceType.trim().toLowerCase());
}

/** Every instance type the page lists. */
export function eniTrunkingTypes(): string[] {
  return [...TABLE.keys()];
}
