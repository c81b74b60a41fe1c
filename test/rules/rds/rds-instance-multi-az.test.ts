import { describe, expect, it } from 'vitest';
import rule from '../../../rules/rds/rds-instance-multi-az.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { instance } from './fixtures.js';

const run = ruleHarness(rule);

describe('rds-instance-multi-az (RDS.5)', () => {
  it('fails single-AZ instances and skips cluster members and Aurora, DocumentDB and Neptune engines', async () => {
    const { results } = await run({
      'rds.dbInstances': [
        instance('ha'),
        instance('single', { MultiAZ: false }),
        instance('replica', { MultiAZ: false, ReadReplicaSourceDBInstanceIdentifier: 'ha' }),
        instance('mysql-member', { Engine: 'mysql', DBClusterIdentifier: 'maz-cluster', MultiAZ: false }),
        instance('aurora-alone', { Engine: 'aurora-postgresql', MultiAZ: false }),
        instance('docs', { Engine: 'docdb', MultiAZ: false }),
        instance('graph', { Engine: 'neptune', MultiAZ: false }),
        instance('unknown', { MultiAZ: undefined }),
      ],
    });
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([
      ['ha', 'PASSED'],
      ['single', 'FAILED'],
      ['replica', 'FAILED'],
      ['unknown', 'NOT_AVAILABLE'],
    ]);
  });

  it('is NOT_AVAILABLE when the instances cannot be listed', async () => {
    const { results } = await run({ 'rds.dbInstances': denied('rds:DescribeDBInstances') });
    expect(results).toMatchObject([{ status: 'NOT_AVAILABLE' }]);
  });
});
