import { accountResource, defineRule, fail, pass } from '../../src/engine/rule.js';
import { securityHubRemediation } from '../lib/remediation.js';

export default defineRule({
  id: 'ec2-ebs-default-encryption-enabled',
  title: 'EBS default encryption should be enabled',
  securityHubControlId: 'EC2.7',
  severity: 'MEDIUM',
  cis: { '1.4.0': '2.2.1', '3.0.0': '2.2.1', '5.0.0': '5.1.1', '6.0.0': '6.1.1', '7.0.0': '6.1.1' },
  scope: 'region',
  resourceType: 'AwsAccount',
  requiredActions: ['ec2:GetEbsEncryptionByDefault'],
  reasonCodes: {
    EBS_DEFAULT_ENCRYPTION_ENABLED: 'EBS encryption by default is on in the Region.',
    EBS_DEFAULT_ENCRYPTION_DISABLED: 'EBS encryption by default is off in the Region.',
  },
  remediation: securityHubRemediation(
    'EC2.7',
    'Turn on EBS encryption by default in every Region (EC2 console, Account attributes, or aws ec2 enable-ebs-encryption-by-default).',
  ),
  async evaluate({ data, account, region }) {
    const enabled = await data.ec2.ebsEncryptionByDefault();
    const resource = accountResource(account, region);
    const evidence = { EbsEncryptionByDefault: enabled };
    return [
      enabled
        ? pass(resource, `EBS encryption by default is on in ${region}.`, { reasonCode: 'EBS_DEFAULT_ENCRYPTION_ENABLED', evidence })
        : fail(resource, `EBS encryption by default is off in ${region}.`, { reasonCode: 'EBS_DEFAULT_ENCRYPTION_DISABLED', evidence }),
    ];
  },
});
