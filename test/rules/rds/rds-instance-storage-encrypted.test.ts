import { describe, expect, it } from 'vitest';
import rule from '../../../rules/rds/rds-instance-storage-encrypted.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { instance } from './fixtures.js';

const run = ruleHarness(rule);

describe('rds-instance-storage-encrypted (RDS.3)', () => {
  it('fails unencrypted instances, including Aurora, DocumentDB and Neptune ones', async () => {
    const { results } = await run(
      {
        'rds.dbInstances': (_args: unknown[], region: string) =>
          region === 'eu-west-1'
            ? [instance('eu-enc', { KmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/k1' }, 'eu-west-1')]
            : [
                instance('plain', { StorageEncrypted: false }),
                instance('docs', { Engine: 'docdb', DBClusterIdentifier: 'docs-cluster', StorageEncrypted: false }),
                instance('graph', { Engine: 'neptune', DBClusterIdentifier: 'g', StorageEncrypted: true }),
                instance('unknown', { StorageEncrypted: undefined }),
              ],
      },
      { regions: ['us-east-1', 'eu-west-1'] },
    );
    expect(Object.fromEntries(results.map((r) => [r.resource.name, r.status]))).toEqual({
      plain: 'FAILED',
      docs: 'FAILED',
      graph: 'PASSED',
      unknown: 'NOT_AVAILABLE',
      'eu-enc': 'PASSED',
    });
    expect(results.find((r) => r.resource.name === 'eu-enc')?.evidence).toMatchObject({ KmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/k1' });
  });

  it('is NOT_AVAILABLE when the instances cannot be listed', async () => {
    const { results } = await run({ 'rds.dbInstances': denied('rds:DescribeDBInstances') });
    expect(results).toMatchObject([{ status: 'NOT_AVAILABLE' }]);
  });
});
