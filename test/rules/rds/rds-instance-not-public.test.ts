import { describe, expect, it } from 'vitest';
import rule from '../../../rules/rds/rds-instance-not-public.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { instance } from './fixtures.js';

const run = ruleHarness(rule);

describe('rds-instance-not-public (RDS.2)', () => {
  it('fails publicly accessible instances, passes the others, whatever the engine', async () => {
    const { results, findings } = await run({
      'rds.dbInstances': [
        instance('private'),
        instance('public', { PubliclyAccessible: true }),
        instance('aurora-node', { Engine: 'aurora-mysql', DBClusterIdentifier: 'c1', PubliclyAccessible: true }),
        instance('unknown', { PubliclyAccessible: undefined }),
      ],
    });
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([
      ['private', 'PASSED'],
      ['public', 'FAILED'],
      ['aurora-node', 'FAILED'],
      ['unknown', 'NOT_AVAILABLE'],
    ]);
    expect(results[3]).toMatchObject({ reasonCode: 'FIELD_NOT_REPORTED', reason: 'rds:DescribeDBInstances did not report PubliclyAccessible for unknown.' });
    const failed = findings.find((f) => f.Resources?.[0]?.Id === 'arn:aws:rds:us-east-1:123456789012:db:public');
    expect(failed?.Severity?.Label).toBe('CRITICAL');
    expect(failed?.Resources?.[0]).toMatchObject({ Type: 'AwsRdsDbInstance', Tags: { team: 'data' }, Details: { AwsRdsDbInstance: { DBInstanceIdentifier: 'public', Engine: 'postgres' } } });
  });

  it('is NOT_AVAILABLE when the instances cannot be listed', async () => {
    const { results } = await run({ 'rds.dbInstances': denied('rds:DescribeDBInstances') });
    expect(results).toMatchObject([{ status: 'NOT_AVAILABLE', reason: 'Missing permission rds:DescribeDBInstances (AccessDenied)' }]);
  });

  it('gives no result in a Region without instances', async () => {
    expect((await run({ 'rds.dbInstances': [] })).results).toEqual([]);
  });
});
