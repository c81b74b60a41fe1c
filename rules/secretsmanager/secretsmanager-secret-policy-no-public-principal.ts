import type { NamedResource } from '../../src/data/resource-policy.js';
import { defineRule, type ResourceRef } from '../../src/engine/rule.js';
import { PUBLIC_PRINCIPAL_REASON_CODES } from '../lib/public-principal.js';
import { ruleDocRemediation } from '../lib/remediation.js';
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
  remediation: ruleDocRemediation(
    'secretsmanager',
    'secretsmanager-secret-policy-no-public-principal',
    'Replace "Principal": "*" in the secret\'s resource policy with the roles that need it, or add a condition on aws:PrincipalOrgID or aws:PrincipalAccount (aws secretsmanager put-resource-policy --block-public-policy).',
  ),
  async evaluate({ data, region }) {
    return judgeResourcePolicies(await data.secretsmanager.secrets(), {
      resource: (item) => secretResource(item, region),
      label: (s) => `Secrets Manager secret ${s.name}`,
      read: (s) => data.secretsmanager.secretPolicy(s.arn),
      noPolicyCode: 'NO_SECRET_POLICY',
    });
  },
});
