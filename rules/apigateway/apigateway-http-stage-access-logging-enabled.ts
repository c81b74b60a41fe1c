import { defineRule } from '../../src/engine/rule.js';
import { ACCESS_LOGGING_REASON_CODES } from '../lib/access-logging.js';
import { judgeApiStages } from '../lib/api-stages.js';
import { ruleDocRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  id: 'apigateway-http-stage-access-logging-enabled',
  title: 'API Gateway HTTP API stages should have access logging enabled',
  securityHubControlId: null,
  severity: 'MEDIUM',
  cis: { '7.0.0': '4.10' },
  scope: 'region',
  resourceType: 'AwsApiGatewayV2Stage',
  requiredActions: ['apigateway:GET'],
  reasonCodes: ACCESS_LOGGING_REASON_CODES,
  remediation: withSteps('apigateway-http-stage-access-logging-enabled', ruleDocRemediation(
    'apigateway',
    'apigateway-http-stage-access-logging-enabled',
    'Send the stage\'s access logs to a CloudWatch Logs group: aws apigatewayv2 update-stage --api-id <id> --stage-name <stage> --access-log-settings DestinationArn=<log-group-arn>,Format=<format>.',
  ), {
    change: 'Send the stage\'s access logs, in its Region, to a CloudWatch Logs group.',
    cli: [
      "aws apigatewayv2 update-stage --region {{region}} --api-id {{resourceParent}} --stage-name {{resource}} --access-log-settings '{\"DestinationArn\":\"{{logGroupArn|json}}\",\"Format\":\"$context.requestId $context.identity.sourceIp $context.requestTime $context.httpMethod $context.routeKey $context.status $context.responseLength\"}'",
    ],
    cloudformation: `# On the existing AWS::ApiGatewayV2::Stage; the other properties stay as they are.
Stage:
  Type: AWS::ApiGatewayV2::Stage
  Properties:
    ApiId: "{{resourceParent}}"
    StageName: "{{resource}}"
    AccessLogSettings:
      DestinationArn: "{{logGroupArn}}"
      Format: "$context.requestId $context.identity.sourceIp $context.requestTime $context.httpMethod $context.routeKey $context.status $context.responseLength"
`,
    terraform: `# On the existing aws_apigatewayv2_stage; the other arguments stay as they are.
resource "aws_apigatewayv2_stage" "this" {
  api_id = "{{resourceParent}}"
  name   = "{{resource}}"

  access_log_settings {
    destination_arn = "{{logGroupArn}}"
    format          = "$context.requestId $context.identity.sourceIp $context.requestTime $context.httpMethod $context.routeKey $context.status $context.responseLength"
  }
}
`,
    inputs: {
      logGroupArn: { default: 'arn:{{partition}}:logs:{{region}}:{{account}}:log-group:api-gateway-access-logs', means: 'the CloudWatch Logs group (its ARN, without :*) that receives the access logs' },
    },
  }),
  async evaluate({ data, region, partition }) {
    const apiArn = (id: string) => `arn:${partition}:apigateway:${region}::/apis/${id}`;
    // WebSocket APIs are not web front ends in the sense of 4.10 (which names HTTP APIs).
    const httpApis = (await data.apigateway.v2Apis()).filter((api) => api.protocol === 'HTTP');
    return judgeApiStages(httpApis, {
      apiResource: (api) => ({ type: 'AwsApiGatewayV2Api', id: apiArn(api.id), name: api.name || api.id }),
      stageResource: (api, stage) => ({
        type: 'AwsApiGatewayV2Stage',
        id: `${apiArn(api.id)}/stages/${stage.stageName}`,
        name: `${api.name || api.id}/${stage.stageName}`,
        details: { AwsApiGatewayV2Stage: { StageName: stage.stageName } },
      }),
      label: (api, stage) => `HTTP API ${api.name || api.id} (${api.id}) stage ${stage.stageName}`,
      stages: (api) => data.apigateway.v2Stages(api.id),
    });
  },
});
