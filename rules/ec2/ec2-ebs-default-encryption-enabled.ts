import { accountResource, defineRule, fail, pass } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

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
  remediation: withSteps('ec2-ebs-default-encryption-enabled', securityHubRemediation(
    'EC2.7',
    'Turn on EBS encryption by default in every Region (EC2 console, Account attributes, or aws ec2 enable-ebs-encryption-by-default).',
  ), {
    change: 'Turn on EBS encryption by default in the Region (a per-Region account setting; new volumes and snapshot copies are then encrypted).',
    cli: ['aws ec2 enable-ebs-encryption-by-default --region {{region}}'],
    cloudformation: `# No CloudFormation resource type holds this setting; AWS's Systems Manager
# runbook sets it, run from a State Manager association.
EbsEncryptionByDefault:
  Type: AWS::SSM::Association
  Properties:
    Name: AWSConfigRemediation-EnableEbsEncryptionByDefault
    Parameters:
      AutomationAssumeRole:
        - "{{remediationRoleArn}}"
`,
    terraform: `resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}
`,
    inputs: {
      remediationRoleArn: {
        default: 'arn:{{partition}}:iam::{{account}}:role/ssm-remediation',
        means: 'A role Systems Manager Automation assumes, allowed ec2:EnableEbsEncryptionByDefault.',
      },
    },
  }),
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
