import type { NamedResource } from '../../src/data/resource-policy.js';
import { defineRule, type ResourceRef } from '../../src/engine/rule.js';
import { PUBLIC_PRINCIPAL_REASON_CODES } from '../lib/public-principal.js';
import { ruleDocRemediation, withSteps } from '../lib/remediation.js';
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
  remediation: withSteps('ecr-repository-policy-no-public-principal', ruleDocRemediation(
    'ecr',
    'ecr-repository-policy-no-public-principal',
    'Replace "Principal": "*" in the repository policy with the accounts that pull from it, or add a condition on aws:PrincipalOrgID or aws:SourceAccount (aws ecr set-repository-policy).',
  ), {
    change: 'Give the repository (in its Region) a policy that names the accounts allowed to pull instead of "Principal": "*", or restricts "*" with a condition on aws:PrincipalOrgID. The example lets only the account pull.',
    cli: [
      "aws ecr set-repository-policy --region {{region}} --repository-name {{resource}} --policy-text '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AccountPulls\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:{{partition}}:iam::{{account}}:root\"},\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\",\"ecr:BatchCheckLayerAvailability\"]}]}'",
    ],
    cloudformation: `# On the existing AWS::ECR::Repository; the other properties stay as they are.
Repository:
  Type: AWS::ECR::Repository
  Properties:
    RepositoryName: "{{resource}}"
    RepositoryPolicyText:
      Version: "2012-10-17"
      Statement:
        - Sid: AccountPulls
          Effect: Allow
          Principal:
            AWS: "arn:{{partition}}:iam::{{account}}:root"
          Action:
            - ecr:BatchGetImage
            - ecr:GetDownloadUrlForLayer
            - ecr:BatchCheckLayerAvailability
`,
    terraform: `resource "aws_ecr_repository_policy" "repository" {
  repository = "{{resource}}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AccountPulls"
      Effect    = "Allow"
      Principal = { AWS = "arn:{{partition}}:iam::{{account}}:root" }
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
    }]
  })
}
`,
  }),
  async evaluate({ data, region }) {
    return judgeResourcePolicies(await data.ecr.repositories(), {
      resource: (item) => repositoryResource(item, region),
      label: (r) => `ECR repository ${r.name}`,
      read: (r) => data.ecr.repositoryPolicy(r.name),
      noPolicyCode: 'NO_REPOSITORY_POLICY',
    });
  },
});
