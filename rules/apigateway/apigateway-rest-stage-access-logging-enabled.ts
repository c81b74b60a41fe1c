import { defineRule } from '../../src/engine/rule.js';
import { ACCESS_LOGGING_REASON_CODES } from '../lib/access-logging.js';
import { judgeApiStages } from '../lib/api-stages.js';
import { ruleDocRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  id: 'apigateway-rest-stage-access-logging-enabled',
  title: 'API Gateway REST API stages should have access logging enabled',
  securityHubControlId: null,
  severity: 'MEDIUM',
  cis: { '7.0.0': '4.10' },
  scope: 'region',
  resourceType: 'AwsApiGatewayStage',
  requiredActions: ['apigateway:GET'],
  reasonCodes: ACCESS_LOGGING_REASON_CODES,
  remediation: withSteps('apigateway-rest-stage-access-logging-enabled', ruleDocRemediation(
    'apigateway',
    'apigateway-rest-stage-access-logging-enabled',
    'Send the stage\'s access logs to a CloudWatch Logs group or Firehose stream: aws apigateway update-stage --rest-api-id <id> --stage-name <stage> --patch-operations op=replace,path=/accessLogSettings/destinationArn,value=<arn> op=replace,path=/accessLogSettings/format,value=<format>.',
  ), {
    change: 'Send the stage\'s access logs, in its Region, to a CloudWatch Logs group. API Gateway writes to CloudWatch Logs through the role set once per Region with aws apigateway update-account (cloudwatchRoleArn).',
    cli: [
      "aws apigateway update-stage --region {{region}} --rest-api-id {{resourceParent}} --stage-name {{resource}} --patch-operations '[{\"op\":\"replace\",\"path\":\"/accessLogSettings/destinationArn\",\"value\":\"{{logGroupArn|json}}\"},{\"op\":\"replace\",\"path\":\"/accessLogSettings/format\",\"value\":\"$context.requestId $context.identity.sourceIp $context.requestTime $context.httpMethod $context.path $context.status $context.responseLength\"}]'",
    ],
    cloudformation: `# On the existing AWS::ApiGateway::Stage; the other properties stay as they are.
Stage:
  Type: AWS::ApiGateway::Stage
  Properties:
    RestApiId: "{{resourceParent}}"
    StageName: "{{resource}}"
    AccessLogSetting:
      DestinationArn: "{{logGroupArn}}"
      Format: "$context.requestId $context.identity.sourceIp $context.requestTime $context.httpMethod $context.path $context.status $context.responseLength"
`,
    terraform: `# On the existing aws_api_gateway_stage; the other arguments stay as they are.
resource "aws_api_gateway_stage" "this" {
  rest_api_id   = "{{resourceParent}}"
  stage_name    = "{{resource}}"
  deployment_id = aws_api_gateway_deployment.this.id

  access_log_settings {
    destination_arn = "{{logGroupArn}}"
    format          = "$context.requestId $context.identity.sourceIp $context.requestTime $context.httpMethod $context.path $context.status $context.responseLength"
  }
}
`,
    inputs: {
      logGroupArn: { default: 'arn:{{partition}}:logs:{{region}}:{{account}}:log-group:api-gateway-access-logs', means: 'the CloudWatch Logs group (its ARN, without :*) that receives the access logs' },
    },
  }),
  async evaluate({ data, region, partition }) {
    const apiArn = (id: string) => `arn:${partition}:apigateway:${region}::/restapis/${id}`;
    return judgeApiStages(await data.apigateway.restApis(), {
      apiResource: (api) => ({ type: 'AwsApiGatewayRestApi', id: apiArn(api.id), name: api.name || api.id }),
      stageResource: (api, stage) => ({
        type: 'AwsApiGatewayStage',
        id: `${apiArn(api.id)}/stages/${stage.stageName}`,
        name: `${api.name || api.id}/${stage.stageName}`,
        details: { AwsApiGatewayStage: { StageName: stage.stageName } },
      }),
      label: (api, stage) => `REST API ${api.name || api.id} (${api.id}) stage ${stage.stageName}`,
      stages: (api) => data.apigateway.restStages(api.id),
    });
  },
});
