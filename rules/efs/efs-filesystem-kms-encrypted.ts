import { defineRule } from '../../src/engine/rule.js';
import { EFS_ENCRYPTION_REASON_CODES, evaluateEfsEncryption, EFS_ENCRYPTION_STEPS } from '../lib/efs-encryption.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  id: 'efs-filesystem-kms-encrypted',
  title: 'Elastic File System should be configured to encrypt file data at-rest using AWS KMS',
  securityHubControlId: 'EFS.1',
  severity: 'MEDIUM',
  cis: { '3.0.0': '2.4.1', '5.0.0': '2.3.1', '6.0.0': '3.3.1', '7.0.0': '3.3.1' },
  scope: 'region',
  resourceType: 'AwsEfsFileSystem',
  requiredActions: ['elasticfilesystem:DescribeFileSystems'],
  reasonCodes: EFS_ENCRYPTION_REASON_CODES,
  remediation: withSteps('efs-filesystem-kms-encrypted', securityHubRemediation(
    'EFS.1',
    'Encryption at rest is chosen when a file system is created: create an encrypted file system (a KMS key) and copy the data to it, for example with AWS DataSync.',
  ), EFS_ENCRYPTION_STEPS),
  evaluate: evaluateEfsEncryption,
});
