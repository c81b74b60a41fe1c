import type { ConfigurationRecorder, ConfigurationRecorderStatus } from '@aws-sdk/client-config-service';
import { accountResource, defineRule, fail, pass } from '../../src/engine/rule.js';
import { securityHubRemediation } from '../lib/remediation.js';

const SERVICE_LINKED_ROLE = 'role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig';

/** What keeps one recorder from passing; empty when it passes. */
function shortcomings(
  recorder: ConfigurationRecorder,
  status: ConfigurationRecorderStatus | undefined,
  context: { account: string; inHomeRegion: boolean; checkRole: boolean },
): string[] {
  const problems: string[] = [];
  if (status?.recording !== true) problems.push('it is not recording');
  if (status?.lastStatus?.toUpperCase() === 'FAILURE') problems.push(`its last delivery failed (${status.lastErrorCode ?? 'no error code'})`);
  if (recorder.recordingGroup?.allSupported !== true) problems.push('it does not record all supported resource types');
  if (context.inHomeRegion && recorder.recordingGroup?.includeGlobalResourceTypes !== true) {
    problems.push('it does not record global resource types (IAM) in the home Region');
  }
  if (context.checkRole) {
    const role = recorder.roleARN ?? '';
    const parts = role.split(':');
    if (parts[4] !== context.account || parts.slice(5).join(':') !== SERVICE_LINKED_ROLE) {
      problems.push(`it uses ${role || 'no role'} instead of the service-linked role AWSServiceRoleForConfig`);
    }
  }
  return problems;
}

export default defineRule({
  id: 'config-recorder-enabled',
  title: 'AWS Config should be enabled and use the service-linked role for resource recording',
  securityHubControlId: 'Config.1',
  severity: 'CRITICAL',
  cis: { '1.2.0': '2.5', '1.4.0': '3.5', '3.0.0': '3.3', '5.0.0': '3.3' },
  scope: 'region',
  resourceType: 'AwsAccount',
  requiredActions: ['config:DescribeConfigurationRecorders', 'config:DescribeConfigurationRecorderStatus'],
  params: { includeConfigServiceLinkedRoleCheck: true },
  remediation: securityHubRemediation(
    'Config.1',
    'Turn on AWS Config in every Region with a recorder that records all supported resource types (and global resource types in one Region) using the AWSServiceRoleForConfig service-linked role.',
  ),
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
        ? pass(resource, `AWS Config recorder ${recorder.name} is recording all supported resource types in ${region}.`, { evidence })
        : fail(resource, `AWS Config recorder ${recorder.name} in ${region} falls short: ${problems.join('; ')}.`, { evidence }),
    ];
  },
});
