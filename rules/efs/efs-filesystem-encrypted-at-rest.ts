import { defineRule } from '../../src/engine/rule.js';
import { EFS_ENCRYPTION_REASON_CODES, evaluateEfsEncryption, EFS_ENCRYPTION_STEPS } from '../lib/efs-encryption.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  id: 'efs-filesystem-encrypted-at-rest',
  title: 'EFS file systems should be encrypted at rest',
  securityHubControlId: 'EFS.8',
  severity: 'MEDIUM',
  cis: { '5.0.0': '2.3.1', '6.0.0': '3.3.1', '7.0.0': '3.3.1' },
  scope: 'region',
  resourceType: 'AwsEfsFileSystem',
  requiredActions: ['elasticfilesystem:DescribeFileSystems'],
  reasonCodes: EFS_ENCRYPTION_REASON_CODES,
  remediation: withSteps('efs-filesystem-encrypted-at-rest', securityHubRemediation(
    'EFS.8',
    'Encryption at rest is chosen when a file system is created: create an encrypted file system and copy the data to it, for example with AWS DataSync.',
  ), EFS_ENCRYPTION_STEPS),
  evaluate: evaluateEfsEncryption,
});
