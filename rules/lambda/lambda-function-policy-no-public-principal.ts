import type { NamedResource } from '../../src/data/resource-policy.js';
import { defineRule, type ResourceRef } from '../../src/engine/rule.js';
import { PUBLIC_PRINCIPAL_REASON_CODES } from '../lib/public-principal.js';
import { ruleDocRemediation, withSteps } from '../lib/remediation.js';
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
  remediation: withSteps('lambda-function-policy-no-public-principal', ruleDocRemediation(
    'lambda',
    'lambda-function-policy-no-public-principal',
    'Remove the permission that grants "*" (aws lambda remove-permission --statement-id ...) and add it again for the account or service that needs it, with --source-account, --source-arn or --principal-org-id.',
  ), {
    change: 'Remove the statement of the function\'s policy (in its Region) that grants "*", then grant invocation again to the service that calls the function, limited to the account with a source-account condition. Find the statement id with aws lambda get-policy.',
    cli: [
      "aws lambda remove-permission --region {{region}} --function-name {{resource}} --statement-id {{statementId}}",
      "aws lambda add-permission --region {{region}} --function-name {{resource}} --statement-id {{statementId}} --action lambda:InvokeFunction --principal {{invoker}} --source-account {{account}}",
    ],
    cloudformation: `# Replaces the permission that grants "*"; remove that AWS::Lambda::Permission from its template.
InvokePermission:
  Type: AWS::Lambda::Permission
  Properties:
    FunctionName: "{{resourceArn}}"
    Action: lambda:InvokeFunction
    Principal: "{{invoker}}"
    SourceAccount: "{{account}}"
`,
    terraform: `# Replaces the permission that grants "*"; remove that aws_lambda_permission.
resource "aws_lambda_permission" "invoke" {
  statement_id   = "{{statementId}}"
  function_name  = "{{resourceArn}}"
  action         = "lambda:InvokeFunction"
  principal      = "{{invoker}}"
  source_account = "{{account}}"
}
`,
    inputs: {
      statementId: { default: 'public-invoke', means: 'the Sid of the policy statement that grants "*" (aws lambda get-policy shows it)' },
      invoker: { default: 'events.amazonaws.com', means: 'the service principal that invokes the function' },
    },
  }),
  async evaluate({ data, region }) {
    return judgeResourcePolicies(await data.lambda.functions(), {
      resource: (item) => functionResource(item, region),
      label: (f) => `Lambda function ${f.name}`,
      read: (f) => data.lambda.functionPolicy(f.name),
      noPolicyCode: 'NO_FUNCTION_POLICY',
    });
  },
});
