import type { NamedResource } from '../../src/data/resource-policy.js';
import { defineRule, type ResourceRef } from '../../src/engine/rule.js';
import { PUBLIC_PRINCIPAL_REASON_CODES } from '../lib/public-principal.js';
import { ruleDocRemediation, withSteps } from '../lib/remediation.js';
import { judgeResourcePolicies } from '../lib/resource-policies.js';

const secretResource = (s: NamedResource, region: string): ResourceRef => ({
  type: 'AwsSecretsManagerSecret',
  id: s.arn,
  region,
  name: s.name,
  details: { AwsSecretsManagerSecret: { Name: s.name } },
});

export default defineRule({
  id: 'secretsmanager-secret-policy-no-public-principal',
  title: 'Secrets Manager resource policies should not allow every principal without a restricting condition',
  securityHubControlId: null,
  severity: 'HIGH',
  cis: { '7.0.0': '2.21' },
  scope: 'region',
  resourceType: 'AwsSecretsManagerSecret',
  requiredActions: ['secretsmanager:ListSecrets', 'secretsmanager:GetResourcePolicy'],
  reasonCodes: {
    ...PUBLIC_PRINCIPAL_REASON_CODES,
    NO_SECRET_POLICY: 'The secret has no resource policy, so only identities of its own account can be granted access.',
  },
  remediation: withSteps('secretsmanager-secret-policy-no-public-principal', ruleDocRemediation(
    'secretsmanager',
    'secretsmanager-secret-policy-no-public-principal',
    'Replace "Principal": "*" in the secret\'s resource policy with the roles that need it, or add a condition on aws:PrincipalOrgID or aws:PrincipalAccount (aws secretsmanager put-resource-policy --block-public-policy).',
  ), {
    change: 'Give the secret (in its Region) a resource policy that names who may read it instead of "Principal": "*", or restricts "*" with a condition on aws:PrincipalAccount or aws:PrincipalOrgID, and let Secrets Manager refuse public policies from now on. The example lets only the account read the secret.',
    cli: [
      "aws secretsmanager put-resource-policy --region {{region}} --secret-id {{resourceArn}} --block-public-policy --resource-policy '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AccountReads\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:{{partition}}:iam::{{account}}:root\"},\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"}]}'",
    ],
    cloudformation: `SecretPolicy:
  Type: AWS::SecretsManager::ResourcePolicy
  Properties:
    SecretId: "{{resourceArn}}"
    BlockPublicPolicy: true
    ResourcePolicy:
      Version: "2012-10-17"
      Statement:
        - Sid: AccountReads
          Effect: Allow
          Principal:
            AWS: "arn:{{partition}}:iam::{{account}}:root"
          Action: secretsmanager:GetSecretValue
          Resource: "*"
`,
    terraform: `resource "aws_secretsmanager_secret_policy" "secret" {
  secret_arn          = "{{resourceArn}}"
  block_public_policy = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AccountReads"
      Effect    = "Allow"
      Principal = { AWS = "arn:{{partition}}:iam::{{account}}:root" }
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
    }]
  })
}
`,
  }),
  async evaluate({ data, region }) {
    return judgeResourcePolicies(await data.secretsmanager.secrets(), {
      resource: (item) => secretResource(item, region),
      label: (s) => `Secrets Manager secret ${s.name}`,
      read: (s) => data.secretsmanager.secretPolicy(s.arn),
      noPolicyCode: 'NO_SECRET_POLICY',
    });
  },
});
