import { defineRule } from '../../src/engine/rule.js';
import { ACCESS_LOGGING_REASON_CODES } from '../lib/access-logging.js';
import { judgeApiStages } from '../lib/api-stages.js';
import { ruleDocRemediation } from '../lib/remediation.js';

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
  remediation: ruleDocRemediation(
    'apigateway',
    'apigateway-rest-stage-access-logging-enabled',
    'Send the stage\'s access logs to a CloudWatch Logs group or Firehose stream: aws apigateway update-stage --rest-api-id <id> --stage-name <stage> --patch-operations op=replace,path=/accessLogSettings/destinationArn,value=<arn> op=replace,path=/accessLogSettings/format,value=<format>.',
  ),
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
