import type { ConfigurationRecorder, ConfigurationRecorderStatus } from '@aws-sdk/client-config-service';
import { accountResource, defineRule, fail, pass } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

const SERVICE_LINKED_ROLE = 'role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig';

/** One reason a recorder does not pass. */
interface Shortcoming {
  code: string;
  text: string;
}

/** What keeps one recorder from passing, most serious first; empty when it passes. */
function shortcomings(
  recorder: ConfigurationRecorder,
  status: ConfigurationRecorderStatus | undefined,
  context: { account: string; inHomeRegion: boolean; checkRole: boolean },
): Shortcoming[] {
  const problems: Shortcoming[] = [];
  if (status?.recording !== true) problems.push({ code: 'CONFIG_RECORDER_NOT_RECORDING', text: 'it is not recording' });
  if (status?.lastStatus?.toUpperCase() === 'FAILURE') {
    problems.push({ code: 'CONFIG_RECORDER_DELIVERY_FAILED', text: `its last delivery failed (${status.lastErrorCode ?? 'no error code'})` });
  }
  if (recorder.recordingGroup?.allSupported !== true) {
    problems.push({ code: 'CONFIG_RECORDER_NOT_ALL_RESOURCES', text: 'it does not record all supported resource types' });
  }
  if (context.inHomeRegion && recorder.recordingGroup?.includeGlobalResourceTypes !== true) {
    problems.push({ code: 'CONFIG_RECORDER_NO_GLOBAL_RESOURCES', text: 'it does not record global resource types (IAM) in the home Region' });
  }
  if (context.checkRole) {
    const role = recorder.roleARN ?? '';
    const parts = role.split(':');
    if (parts[4] !== context.account || parts.slice(5).join(':') !== SERVICE_LINKED_ROLE) {
      problems.push({
        code: 'CONFIG_RECORDER_NOT_SERVICE_LINKED_ROLE',
        text: `it uses ${role || 'no role'} instead of the service-linked role AWSServiceRoleForConfig`,
      });
    }
  }
  return problems;
}

export default defineRule({
  id: 'config-recorder-enabled',
  title: 'AWS Config should be enabled and use the service-linked role for resource recording',
  securityHubControlId: 'Config.1',
  severity: 'CRITICAL',
  cis: { '1.2.0': '2.5', '1.4.0': '3.5', '3.0.0': '3.3', '5.0.0': '3.3', '6.0.0': '4.3', '7.0.0': '4.3' },
  scope: 'region',
  resourceType: 'AwsAccount',
  requiredActions: ['config:DescribeConfigurationRecorders', 'config:DescribeConfigurationRecorderStatus'],
  params: { includeConfigServiceLinkedRoleCheck: true },
  reasonCodes: {
    CONFIG_RECORDER_RECORDING: 'A recorder records all supported resource types (global ones too in the home Region), with the service-linked role.',
    CONFIG_RECORDER_NOT_PRESENT: 'The Region has no configuration recorder (service-linked recorders of other services do not count).',
    CONFIG_RECORDER_NOT_RECORDING: 'The recorder is stopped or was never started.',
    CONFIG_RECORDER_DELIVERY_FAILED: 'The recorder records, but its last delivery failed.',
    CONFIG_RECORDER_NOT_ALL_RESOURCES: 'The recorder records selected resource types only.',
    CONFIG_RECORDER_NO_GLOBAL_RESOURCES: 'In the home Region, the recorder does not record global resource types (IAM).',
    CONFIG_RECORDER_NOT_SERVICE_LINKED_ROLE: 'The recorder uses another role than the account\'s AWSServiceRoleForConfig.',
  },
  remediation: withSteps('config-recorder-enabled', securityHubRemediation(
    'Config.1',
    'Turn on AWS Config in every Region with a recorder that records all supported resource types (and global resource types in one Region) using the AWSServiceRoleForConfig service-linked role.',
  ), {
    change: 'Turn on AWS Config in the Region: a recorder of all supported resource types (global ones in one Region only) using the AWSServiceRoleForConfig service-linked role, a delivery channel, and the recorder started.',
    cli: [
      'aws iam create-service-linked-role --aws-service-name config.amazonaws.com',
      'aws configservice put-configuration-recorder --region {{region}} --configuration-recorder name=default,roleARN=arn:{{partition}}:iam::{{account}}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig --recording-group allSupported=true,includeGlobalResourceTypes=true',
      'aws configservice put-delivery-channel --region {{region}} --delivery-channel name=default,s3BucketName={{configBucket}}',
      'aws configservice start-configuration-recorder --region {{region}} --configuration-recorder-name default',
    ],
    cloudformation: `ConfigRecorder:
  Type: AWS::Config::ConfigurationRecorder
  Properties:
    Name: default
    RoleARN: "arn:{{partition}}:iam::{{account}}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
    RecordingGroup:
      AllSupported: true
      IncludeGlobalResourceTypes: true
ConfigDeliveryChannel:
  Type: AWS::Config::DeliveryChannel
  Properties:
    Name: default
    S3BucketName: "{{configBucket}}"
`,
    terraform: `resource "aws_config_configuration_recorder" "default" {
  name     = "default"
  role_arn = "arn:{{partition}}:iam::{{account}}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"

  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}

resource "aws_config_delivery_channel" "default" {
  name           = "default"
  s3_bucket_name = "{{configBucket}}"
  depends_on     = [aws_config_configuration_recorder.default]
}

resource "aws_config_configuration_recorder_status" "default" {
  name       = aws_config_configuration_recorder.default.name
  is_enabled = true
  depends_on = [aws_config_delivery_channel.default]
}
`,
    inputs: { configBucket: { default: 'config-{{account}}', means: 'An S3 bucket whose policy lets AWS Config deliver.' } },
  }),
  async evaluate({ data, account, region, homeRegion, params }) {
    const resource = accountResource(account, region);
    // Service-linked recorders (servicePrincipal set) record for one AWS service only: they do not count.
    const recorders = (await data.config.recorders()).filter((r) => !r.servicePrincipal);
    if (recorders.length === 0) {
      return [fail(resource, `AWS Config has no configuration recorder in ${region}.`, { reasonCode: 'CONFIG_RECORDER_NOT_PRESENT', evidence: { recorders: 0 } })];
    }
    const statuses = await data.config.recorderStatus();
    const context = { account, inHomeRegion: region === homeRegion, checkRole: params.includeConfigServiceLinkedRoleCheck };
    const judged = recorders.map((recorder) => {
      const status = statuses.find((s) => s.name === recorder.name);
      return { recorder, status, problems: shortcomings(recorder, status, context) };
    });
    const chosen = judged.find((j) => j.problems.length === 0) ?? judged[0]!;
    const { recorder, status, problems } = chosen;
    const evidence = {
      recorder: recorder.name ?? null,
      recording: status?.recording === true,
      lastStatus: status?.lastStatus ?? null,
      allSupported: recorder.recordingGroup?.allSupported === true,
      includeGlobalResourceTypes: recorder.recordingGroup?.includeGlobalResourceTypes === true,
      roleARN: recorder.roleARN ?? null,
      serviceLinkedRoleChecked: params.includeConfigServiceLinkedRoleCheck,
    };
    return [
      problems.length === 0
        ? pass(resource, `AWS Config recorder ${recorder.name} is recording all supported resource types in ${region}.`, {
            reasonCode: 'CONFIG_RECORDER_RECORDING',
            evidence,
          })
        : fail(resource, `AWS Config recorder ${recorder.name} in ${region} falls short: ${problems.map((p) => p.text).join('; ')}.`, {
            reasonCode: (problems[0] as Shortcoming).code,
            evidence,
          }),
    ];
  },
});
