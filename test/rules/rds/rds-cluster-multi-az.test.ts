import { describe, expect, it } from 'vitest';
import rule from '../../../rules/rds/rds-cluster-multi-az.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { cluster } from './fixtures.js';

const run = ruleHarness(rule);

describe('rds-cluster-multi-az (RDS.15)', () => {
  it('passes Multi-AZ clusters, fails single-AZ ones', async () => {
    const { results, findings } = await run({
      'rds.dbClusters': [
        cluster('spread', { DBClusterMembers: [{ DBInstanceIdentifier: 'w' }, { DBInstanceIdentifier: 'r' }] }),
        cluster('lonely', { MultiAZ: false, DBClusterMembers: [{ DBInstanceIdentifier: 'w' }] }),
        cluster('unknown', { MultiAZ: undefined }),
      ],
    });
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([
      ['spread', 'PASSED'],
      ['lonely', 'FAILED'],
      ['unknown', 'NOT_AVAILABLE'],
    ]);
    expect(results[1]?.evidence).toMatchObject({ MultiAZ: false, members: 1 });
    expect(findings[1]?.Resources?.[0]).toMatchObject({
      Type: 'AwsRdsDbCluster',
      Id: 'arn:aws:rds:us-east-1:123456789012:cluster:lonely',
      Details: { AwsRdsDbCluster: { DbClusterIdentifier: 'lonely', Engine: 'aurora-postgresql' } },
    });
  });

  it('is NOT_AVAILABLE when the clusters cannot be listed', async () => {
    const { results } = await run({ 'rds.dbClusters': denied('rds:DescribeDBClusters') });
    expect(results).toMatchObject([{ status: 'NOT_AVAILABLE', reason: 'Missing permission rds:DescribeDBClusters (AccessDenied)' }]);
  });
});
