/** File systems as DescribeFileSystems returns them, for the EFS rule tests (EFS.1 and EFS.8 share one implementation). */
import type { FileSystemDescription } from '@aws-sdk/client-efs';

export function fileSystem(id: string, fields: Partial<FileSystemDescription> = {}): FileSystemDescription {
  return {
    FileSystemId: id,
    FileSystemArn: `arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/${id}`,
    OwnerId: '123456789012',
    CreationToken: id,
    CreationTime: new Date('2026-01-01T00:00:00Z'),
    LifeCycleState: 'available',
    NumberOfMountTargets: 1,
    SizeInBytes: { Value: 6144 },
    PerformanceMode: 'generalPurpose',
    Encrypted: true,
    Tags: [],
    ...fields,
  };
}
