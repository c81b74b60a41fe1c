import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient, RDSServiceException } from '@aws-sdk/client-rds';
import { mockedLiveSource } from '../helpers/live.js';

const rds = mockClient(RDSClient);
afterEach(() => rds.reset());

describe('RDS accessors', () => {
  it('lists every DB instance across pages, once per Region', async () => {
    rds
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({ DBInstances: [{ DBInstanceIdentifier: 'b', DBInstanceArn: 'arn:aws:rds:eu-west-1:123456789012:db:b', PubliclyAccessible: true }], Marker: 'm1' })
      .resolves({ DBInstances: [{ DBInstanceIdentifier: 'a', DBInstanceArn: 'arn:aws:rds:eu-west-1:123456789012:db:a', StorageEncrypted: true }] });
    const { data } = mockedLiveSource();
    const [first, again] = await Promise.all([data('eu-west-1').rds.dbInstances(), data('eu-west-1').rds.dbInstances()]);
    expect(first).toBe(again);
    expect(first.map((i) => i.DBInstanceIdentifier)).toEqual(['a', 'b']);
    expect(first[1]?.PubliclyAccessible).toBe(true);
    const calls = rds.commandCalls(DescribeDBInstancesCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args[0].input).toMatchObject({ Marker: 'm1' });
  });

  it('lists every DB cluster across pages', async () => {
    rds
      .on(DescribeDBClustersCommand)
      .resolvesOnce({ DBClusters: [{ DBClusterIdentifier: 'c1', DBClusterArn: 'arn:aws:rds:us-east-1:123456789012:cluster:c1', MultiAZ: false }], Marker: 'm1' })
      .resolves({ DBClusters: [{ DBClusterIdentifier: 'c2', DBClusterArn: 'arn:aws:rds:us-east-1:123456789012:cluster:c2', MultiAZ: true }] });
    const { data } = mockedLiveSource();
    expect((await data().rds.dbClusters()).map((c) => [c.DBClusterIdentifier, c.MultiAZ])).toEqual([
      ['c1', false],
      ['c2', true],
    ]);
    expect(rds.commandCalls(DescribeDBClustersCommand)).toHaveLength(2);
  });

  it('turns a denied list into a DataUnavailable naming the action', async () => {
    rds.on(DescribeDBClustersCommand).rejects(new RDSServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'no' }));
    const { data } = mockedLiveSource();
    await expect(data().rds.dbClusters()).rejects.toMatchObject({ name: 'DataUnavailable', reason: 'access-denied', action: 'rds:DescribeDBClusters' });
  });
});
