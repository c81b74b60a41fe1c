import { defineRule } from '../../src/engine/rule.js';
import { evaluateInstanceFlag, flagReasonCodes } from '../lib/rds.js';
import { securityHubRemediation } from '../lib/remediation.js';

export default defineRule({
  id: 'rds-instance-storage-encrypted',
  title: 'RDS DB instances should have encryption at-rest enabled',
  securityHubControlId: 'RDS.3',
  severity: 'MEDIUM',
  cis: { '1.4.0': '2.3.1', '3.0.0': '2.3.1', '5.0.0': '2.2.1', '6.0.0': '3.2.1', '7.0.0': '3.2.1' },
  scope: 'region',
  resourceType: 'AwsRdsDbInstance',
  requiredActions: ['rds:DescribeDBInstances'],
  reasonCodes: flagReasonCodes({
    STORAGE_ENCRYPTED: 'The DB instance encrypts its storage.',
    STORAGE_NOT_ENCRYPTED: 'The DB instance does not encrypt its storage.',
  }),
  remediation: securityHubRemediation(
    'RDS.3',
    'Encryption cannot be turned on for an existing instance: take a snapshot, copy it with encryption (a KMS key), restore a new instance from the encrypted copy and move clients to it.',
  ),
  evaluate: evaluateInstanceFlag({
    field: 'StorageEncrypted',
    passWhen: true,
    passed: { code: 'STORAGE_ENCRYPTED', text: (name) => `DB instance ${name} has encrypted storage.` },
    failed: { code: 'STORAGE_NOT_ENCRYPTED', text: (name) => `DB instance ${name} does not encrypt its storage.` },
    evidence: (instance) => ({ StorageEncrypted: instance.StorageEncrypted ?? null, KmsKeyId: instance.KmsKeyId ?? null, engine: instance.Engine ?? null }),
  }),
});
