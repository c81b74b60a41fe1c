import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeFileSystemsCommand, EFSClient, EFSServiceException } from '@aws-sdk/client-efs';
import { mockedLiveSource } from '../helpers/live.js';

const efs = mockClient(EFSClient);
afterEach(() => efs.reset());

const fs = (id: string, encrypted: boolean) => ({
  FileSystemId: id,
  FileSystemArn: `arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/${id}`,
  Encrypted: encrypted,
  OwnerId: '123456789012',
  CreationToken: id,
  CreationTime: new Date('2026-01-01T00:00:00Z'),
  LifeCycleState: 'available' as const,
  NumberOfMountTargets: 0,
  SizeInBytes: { Value: 0 },
  PerformanceMode: 'generalPurpose' as const,
  Tags: [],
});

describe('EFS accessors', () => {
  it('lists every file system across pages', async () => {
    efs
      .on(DescribeFileSystemsCommand)
      .resolvesOnce({ FileSystems: [fs('fs-2', true)], NextMarker: 'm1' })
      .resolves({ FileSystems: [fs('fs-1', false)] });
    const { data } = mockedLiveSource();
    expect((await data().efs.fileSystems()).map((f) => [f.FileSystemId, f.Encrypted])).toEqual([
      ['fs-1', false],
      ['fs-2', true],
    ]);
    const calls = efs.commandCalls(DescribeFileSystemsCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args[0].input).toMatchObject({ Marker: 'm1' });
  });

  it('turns a denied list into a DataUnavailable naming the action', async () => {
    efs.on(DescribeFileSystemsCommand).rejects(new EFSServiceException({ name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'no' }));
    const { data } = mockedLiveSource();
    await expect(data().efs.fileSystems()).rejects.toMatchObject({
      name: 'DataUnavailable',
      reason: 'access-denied',
      action: 'elasticfilesystem:DescribeFileSystems',
    });
  });
});
