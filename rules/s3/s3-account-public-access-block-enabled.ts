import { accountResource, defineRule } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { judgePublicAccessBlock, PUBLIC_ACCESS_BLOCK_REASON_CODES } from '../lib/s3.js';

export default defineRule({
  id: 's3-account-public-access-block-enabled',
  title: 'S3 general purpose buckets should have block public access settings enabled',
  securityHubControlId: 'S3.1',
  severity: 'MEDIUM',
  cis: { '1.4.0': '2.1.5', '3.0.0': '2.1.4', '5.0.0': '2.1.4', '6.0.0': '3.1.4', '7.0.0': '3.1.4' },
  scope: 'account',
  resourceType: 'AwsAccount',
  requiredActions: ['s3:GetAccountPublicAccessBlock'],
  reasonCodes: PUBLIC_ACCESS_BLOCK_REASON_CODES,
  remediation: withSteps('s3-account-public-access-block-enabled', securityHubRemediation(
    'S3.1',
    'Turn on all four account-level S3 Block Public Access settings (S3 console, Block Public Access settings for this account, or aws s3control put-public-access-block).',
  ), {
    change: 'Turn on all four S3 Block Public Access settings for the account (S3 Control, once per account; it covers every bucket in every Region).',
    cli: ['aws s3control put-public-access-block --account-id {{account}} --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true'],
    cloudformation: `# No CloudFormation resource type holds the account-level setting; AWS's
# Systems Manager runbook sets it, run from a State Manager association.
AccountPublicAccessBlock:
  Type: AWS::SSM::Association
  Properties:
    Name: AWSConfigRemediation-ConfigureS3PublicAccessBlock
    Parameters:
      AutomationAssumeRole:
        - "{{remediationRoleArn}}"
      AccountId:
        - "{{account}}"
`,
    terraform: `resource "aws_s3_account_public_access_block" "this" {
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}
`,
    inputs: {
      remediationRoleArn: {
        default: 'arn:{{partition}}:iam::{{account}}:role/ssm-remediation',
        means: 'A role Systems Manager Automation assumes, allowed s3:PutAccountPublicAccessBlock.',
      },
    },
  }),
  async evaluate({ data, account }) {
    const config = await data.s3.accountPublicAccessBlock();
    return [
      judgePublicAccessBlock(accountResource(account), config, {
        on: 'All four account-level S3 Block Public Access settings are on.',
        none: 'The account has no S3 Block Public Access configuration.',
        off: (settings) => `Account-level S3 Block Public Access has ${settings} off.`,
      }),
    ];
  },
});
