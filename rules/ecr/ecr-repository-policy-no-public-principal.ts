import type { NamedResource } from '../../src/data/resource-policy.js';
import { defineRule, type ResourceRef } from '../../src/engine/rule.js';
import { PUBLIC_PRINCIPAL_REASON_CODES } from '../lib/public-principal.js';
import { ruleDocRemediation } from '../lib/remediation.js';
import { judgeResourcePolicies } from '../lib/resource-policies.js';

const repositoryResource = (r: NamedResource, region: string): ResourceRef => ({
  type: 'AwsEcrRepository',
  id: r.arn,
  region,
  name: r.name,
  details: { AwsEcrRepository: { RepositoryName: r.name, Arn: r.arn } },
});

export default defineRule({
  id: 'ecr-repository-policy-no-public-principal',
  title: 'ECR repository policies should not allow every principal without a restricting condition',
  securityHubControlId: null,
  severity: 'HIGH',
  cis: { '7.0.0': '2.21' },
  scope: 'region',
  resourceType: 'AwsEcrRepository',
  requiredActions: ['ecr:DescribeRepositories', 'ecr:GetRepositoryPolicy'],
  reasonCodes: {
    ...PUBLIC_PRINCIPAL_REASON_CODES,
    NO_REPOSITORY_POLICY: 'The repository has no repository policy, so only its own account can use it.',
  },
  remediation: ruleDocRemediation(
    'ecr',
    'ecr-repository-policy-no-public-principal',
    'Replace "Principal": "*" in the repository policy with the accounts that pull from it, or add a condition on aws:PrincipalOrgID or aws:SourceAccount (aws ecr set-repository-policy).',
  ),
  async evaluate({ data, region }) {
    return judgeResourcePolicies(await data.ecr.repositories(), {
      resource: (item) => repositoryResource(item, region),
      label: (r) => `ECR repository ${r.name}`,
      read: (r) => data.ecr.repositoryPolicy(r.name),
      noPolicyCode: 'NO_REPOSITORY_POLICY',
    });
  },
});
