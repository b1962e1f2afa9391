// Source: @aws-sdk/client-ecs doc comments of ServiceManagedEBSVolumeConfiguration (volumeType, sizeInGiB, snapshotId).

/** Size in GiB each EBS volume type accepts. */
export const ebsVolumeSizes: Readonly<Record<string, { min: number; max: number }>> = {
  gp2: { min: 1, max: 16384 },
  gp3: { min: 1, max: 16384 },
  io1: { min: 4, max: 16384 },
  io2: { min: 4, max: 16384 },
  st1: { min: 125, max: 16384 },
  sc1: { min: 125, max: 16384 },
  standard: { min: 1, max: 1024 },
};

/** The volume type Fargate does not attach. */
export const ebsTypesNotOnFargate: readonly string[] = ['standard'];
