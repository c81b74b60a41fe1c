import rule from '../../../rules/rds/rds-instance-storage-encrypted.js';
import { testRule } from '../../helpers/rule-tester.js';
import { instance } from './fixtures.js';
import { INSTANCE_ARN, rdsFlagCases } from './rds.table.js';

const EU_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/k1';

testRule(
  rule,
  rdsFlagCases({
    kind: 'instance',
    field: 'StorageEncrypted',
    passWhen: true,
    codes: { passed: 'STORAGE_ENCRYPTED', failed: 'STORAGE_NOT_ENCRYPTED' },
    extra: {
      failed: [
        {
          name: 'unencrypted instances fail, Aurora, DocumentDB and Neptune ones included, in every Region',
          fixture: {
            'rds.dbInstances': (_args: unknown[], region: string) =>
              region === 'eu-west-1'
                ? [instance('eu-enc', { KmsKeyId: EU_KEY }, 'eu-west-1')]
                : [
                    instance('plain', { StorageEncrypted: false }),
                    instance('docs', { Engine: 'docdb', DBClusterIdentifier: 'docs-cluster', StorageEncrypted: false }),
                    instance('graph', { Engine: 'neptune', DBClusterIdentifier: 'g', StorageEncrypted: true }),
                  ],
          },
          options: { regions: ['us-east-1', 'eu-west-1'] },
          results: [
            { resource: INSTANCE_ARN('plain'), reasonCode: 'STORAGE_NOT_ENCRYPTED', reason: 'DB instance plain does not encrypt its storage.' },
            { resource: INSTANCE_ARN('docs'), reasonCode: 'STORAGE_NOT_ENCRYPTED' },
            { status: 'PASSED', resource: INSTANCE_ARN('graph'), reasonCode: 'STORAGE_ENCRYPTED', reason: 'DB instance graph has encrypted storage.' },
            {
              status: 'PASSED',
              resource: 'arn:aws:rds:eu-west-1:123456789012:db:eu-enc',
              reasonCode: 'STORAGE_ENCRYPTED',
              evidence: { KmsKeyId: EU_KEY },
            },
          ],
        },
      ],
    },
  }),
);
