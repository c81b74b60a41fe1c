import { defineRule } from '../../src/engine/rule.js';
import { evaluateInstanceFlag, flagReasonCodes } from '../lib/rds.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

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
  remediation: withSteps('rds-instance-storage-encrypted', securityHubRemediation(
    'RDS.3',
    'Encryption cannot be turned on for an existing instance: take a snapshot, copy it with encryption (a KMS key), restore a new instance from the encrypted copy and move clients to it.',
  ), {
    change: 'Storage encryption is chosen when an instance is created: snapshot the instance, copy the snapshot with a KMS key, restore a new instance from the encrypted copy (same Region), move clients to it and delete the old one.',
    cli: [
      'aws rds create-db-snapshot --region {{region}} --db-instance-identifier {{resource}} --db-snapshot-identifier {{resource}}-unencrypted',
      'aws rds wait db-snapshot-available --region {{region}} --db-snapshot-identifier {{resource}}-unencrypted',
      'aws rds copy-db-snapshot --region {{region}} --source-db-snapshot-identifier {{resource}}-unencrypted --target-db-snapshot-identifier {{resource}}-encrypted --kms-key-id {{kmsKey}}',
      'aws rds wait db-snapshot-available --region {{region}} --db-snapshot-identifier {{resource}}-encrypted',
      'aws rds restore-db-instance-from-db-snapshot --region {{region}} --db-instance-identifier {{resource}}-encrypted --db-snapshot-identifier {{resource}}-encrypted',
    ],
    cloudformation: `EncryptedDatabase:
  Type: AWS::RDS::DBInstance
  Properties:
    DBInstanceIdentifier: "{{resource}}-encrypted"
    DBSnapshotIdentifier: "{{resource}}-encrypted"
    DBInstanceClass: db.t3.micro
    StorageEncrypted: true
`,
    terraform: `resource "aws_db_instance" "encrypted" {
  identifier          = "{{resource}}-encrypted"
  snapshot_identifier = "{{resource}}-encrypted"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  kms_key_id          = "{{kmsKey}}"
}
`,
    inputs: { kmsKey: { default: 'alias/aws/rds', means: 'The KMS key of the encrypted copy.' } },
  }),
  evaluate: evaluateInstanceFlag({
    field: 'StorageEncrypted',
    passWhen: true,
    passed: { code: 'STORAGE_ENCRYPTED', text: (name) => `DB instance ${name} has encrypted storage.` },
    failed: { code: 'STORAGE_NOT_ENCRYPTED', text: (name) => `DB instance ${name} does not encrypt its storage.` },
    evidence: (instance) => ({ StorageEncrypted: instance.StorageEncrypted ?? null, KmsKeyId: instance.KmsKeyId ?? null, engine: instance.Engine ?? null }),
  }),
});
