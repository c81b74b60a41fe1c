import type { NamedResource } from '../../src/data/resource-policy.js';
import { defineRule, type ResourceRef } from '../../src/engine/rule.js';
import { PUBLIC_PRINCIPAL_REASON_CODES } from '../lib/public-principal.js';
import { ruleDocRemediation } from '../lib/remediation.js';
import { judgeResourcePolicies } from '../lib/resource-policies.js';

const functionResource = (f: NamedResource, region: string): ResourceRef => ({
  type: 'AwsLambdaFunction',
  id: f.arn,
  region,
  name: f.name,
  details: { AwsLambdaFunction: { FunctionName: f.name } },
});

export default defineRule({
  id: 'lambda-function-policy-no-public-principal',
  title: 'Lambda function policies should not allow every principal without a restricting condition',
  securityHubControlId: null,
  severity: 'HIGH',
  cis: { '7.0.0': '2.21' },
  scope: 'region',
  resourceType: 'AwsLambdaFunction',
  requiredActions: ['lambda:ListFunctions', 'lambda:GetPolicy'],
  reasonCodes: {
    ...PUBLIC_PRINCIPAL_REASON_CODES,
    NO_FUNCTION_POLICY: 'The function has no resource-based policy, so only its own account can invoke it.',
  },
  remediation: ruleDocRemediation(
    'lambda',
    'lambda-function-policy-no-public-principal',
    'Remove the permission that grants "*" (aws lambda remove-permission --statement-id ...) and add it again for the account or service that needs it, with --source-account, --source-arn or --principal-org-id.',
  ),
  async evaluate({ data, region }) {
    return judgeResourcePolicies(await data.lambda.functions(), {
      resource: (item) => functionResource(item, region),
      label: (f) => `Lambda function ${f.name}`,
      read: (f) => data.lambda.functionPolicy(f.name),
      noPolicyCode: 'NO_FUNCTION_POLICY',
    });
  },
});
