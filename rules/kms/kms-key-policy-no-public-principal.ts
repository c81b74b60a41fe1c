import { isPendingDeletion } from '../../src/data/kms.js';
import { DataUnavailable } from '../../src/data/errors.js';
import { attempt, defineRule, unavailable } from '../../src/engine/rule.js';
import { PUBLIC_PRINCIPAL_REASON_CODES, judgeResourcePolicy } from '../lib/public-principal.js';
import { ruleDocRemediation, withSteps } from '../lib/remediation.js';
import { kmsKeyResource } from '../lib/resources.js';

export default defineRule({
  id: 'kms-key-policy-no-public-principal',
  title: 'KMS key policies should not allow every principal without a restricting condition',
  securityHubControlId: null,
  severity: 'HIGH',
  cis: { '7.0.0': '2.21' },
  scope: 'region',
  resourceType: 'AwsKmsKey',
  requiredActions: ['kms:ListKeys', 'kms:DescribeKey', 'kms:GetKeyPolicy'],
  reasonCodes: PUBLIC_PRINCIPAL_REASON_CODES,
  remediation: withSteps('kms-key-policy-no-public-principal', ruleDocRemediation(
    'kms',
    'kms-key-policy-no-public-principal',
    'Replace "Principal": "*" in the key policy with the accounts or roles that need the key, or add a condition on kms:CallerAccount, aws:PrincipalOrgID or aws:SourceVpce (aws kms put-key-policy --policy-name default).',
  ), {
    change: 'Give the key (in its Region) a policy that names who may use it instead of "Principal": "*", or restricts "*" with a condition on kms:CallerAccount or aws:PrincipalOrgID. The example is the default key policy: the account administers the key through IAM policies.',
    cli: [
      "aws kms get-key-policy --region {{region}} --key-id {{resource}} --policy-name default --output text",
      "aws kms put-key-policy --region {{region}} --key-id {{resource}} --policy-name default --policy '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AccountAdministersKey\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:{{partition}}:iam::{{account}}:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}'",
    ],
    cloudformation: `# On the existing AWS::KMS::Key; the other properties stay as they are.
Key:
  Type: AWS::KMS::Key
  Properties:
    EnableKeyRotation: true
    KeyPolicy:
      Version: "2012-10-17"
      Statement:
        - Sid: AccountAdministersKey
          Effect: Allow
          Principal:
            AWS: "arn:{{partition}}:iam::{{account}}:root"
          Action: kms:*
          Resource: "*"
`,
    terraform: `resource "aws_kms_key_policy" "key" {
  key_id = "{{resource}}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AccountAdministersKey"
      Effect    = "Allow"
      Principal = { AWS = "arn:{{partition}}:iam::{{account}}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}
`,
  }),
  async evaluate({ data, account }) {
    const keys = await data.kms.keyIds();
    const results = await Promise.all(
      keys.map(async (key) => {
        const metadata = await attempt(data.kms.key(key.keyId));
        if (metadata instanceof DataUnavailable) {
          // A key deleted since ListKeys has nothing to judge; any other failure leaves the key unjudged.
          return metadata.code === 'NotFoundException' ? null : unavailable(kmsKeyResource({ ...key, metadata: null }, account), metadata);
        }
        // AWS managed keys' policies are AWS's; a key pending deletion can no longer be used.
        if (metadata.KeyManager !== 'CUSTOMER' || isPendingDeletion(metadata)) return null;
        const resource = kmsKeyResource({ ...key, metadata }, account);
        const policy = await attempt(data.kms.keyPolicy(key.keyId));
        if (policy instanceof DataUnavailable) return unavailable(resource, policy);
        return judgeResourcePolicy(resource, `KMS key ${key.keyId}`, policy.document);
      }),
    );
    return results.filter((r) => r !== null);
  },
});
