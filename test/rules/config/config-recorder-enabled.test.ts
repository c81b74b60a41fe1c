import { expect, it } from 'vitest';
import type { ConfigurationRecorder, ConfigurationRecorderStatus } from '@aws-sdk/client-config-service';
import rule from '../../../rules/config/config-recorder-enabled.js';
import { TEST_ACCOUNT, denied, type Fixture } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { testRule, type RuleCase } from '../../helpers/rule-tester.js';

const ACCOUNT = `AWS::::Account:${TEST_ACCOUNT}`;
const SLR = 'arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig';
const recorder = (overrides: Partial<ConfigurationRecorder> = {}): ConfigurationRecorder => ({
  name: 'default',
  roleARN: SLR,
  recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
  ...overrides,
});
const status = (overrides: Partial<ConfigurationRecorderStatus> = {}): ConfigurationRecorderStatus => ({
  name: 'default',
  recording: true,
  lastStatus: 'Success',
  ...overrides,
});
const fixture = (recorders: ConfigurationRecorder[], statuses: ConfigurationRecorderStatus[] = [status()]): Fixture => ({
  'config.recorders': recorders,
  'config.recorderStatus': statuses,
});
const fallsShort = (name: string, f: Fixture, reasonCode: string, problem: string): RuleCase => ({
  name: `a recorder that is ${name}`,
  fixture: f,
  results: { resource: ACCOUNT, region: 'us-east-1', reasonCode, reason: problem },
});

testRule(rule, {
  passed: [
    {
      name: 'a recording recorder of all resource types with the service-linked role, in every Region',
      fixture: fixture([recorder()]),
      options: { regions: ['us-east-1', 'eu-west-1'] },
      results: [
        { resource: ACCOUNT, region: 'eu-west-1', reasonCode: 'CONFIG_RECORDER_RECORDING' },
        {
          resource: ACCOUNT,
          region: 'us-east-1',
          reasonCode: 'CONFIG_RECORDER_RECORDING',
          evidence: { recorder: 'default', recording: true, lastStatus: 'Success', allSupported: true, roleARN: SLR },
        },
      ],
    },
    {
      name: 'lastStatus PENDING is accepted (a recorder that has not delivered yet, and moto)',
      fixture: fixture([recorder()], [status({ lastStatus: 'Pending' })]),
      results: { resource: ACCOUNT, reasonCode: 'CONFIG_RECORDER_RECORDING' },
    },
  ],
  failed: [
    {
      name: 'global resource types are asked for in the home Region only',
      fixture: fixture([recorder({ recordingGroup: { allSupported: true, includeGlobalResourceTypes: false } })]),
      options: { regions: ['us-east-1', 'eu-west-1'] },
      results: [
        { resource: ACCOUNT, region: 'eu-west-1', status: 'PASSED', reasonCode: 'CONFIG_RECORDER_RECORDING' },
        {
          resource: ACCOUNT,
          region: 'us-east-1',
          reasonCode: 'CONFIG_RECORDER_NO_GLOBAL_RESOURCES',
          reason: 'it does not record global resource types (IAM) in the home Region',
        },
      ],
    },
    fallsShort('stopped', fixture([recorder()], [status({ recording: false })]), 'CONFIG_RECORDER_NOT_RECORDING', 'it is not recording'),
    fallsShort('never started (no status)', fixture([recorder()], []), 'CONFIG_RECORDER_NOT_RECORDING', 'it is not recording'),
    fallsShort(
      'failing its last delivery',
      fixture([recorder()], [status({ lastStatus: 'Failure', lastErrorCode: 'AccessDenied' })]),
      'CONFIG_RECORDER_DELIVERY_FAILED',
      'its last delivery failed (AccessDenied)',
    ),
    fallsShort(
      'recording selected resource types only',
      fixture([recorder({ recordingGroup: { allSupported: false, includeGlobalResourceTypes: true, resourceTypes: ['AWS::EC2::Instance'] } })]),
      'CONFIG_RECORDER_NOT_ALL_RESOURCES',
      'it does not record all supported resource types',
    ),
    fallsShort(
      'using a custom role',
      fixture([recorder({ roleARN: 'arn:aws:iam::123456789012:role/config-recorder' })]),
      'CONFIG_RECORDER_NOT_SERVICE_LINKED_ROLE',
      'it uses arn:aws:iam::123456789012:role/config-recorder instead of the service-linked role AWSServiceRoleForConfig',
    ),
    fallsShort(
      "using another account's service-linked role",
      fixture([recorder({ roleARN: SLR.replace('123456789012', '999988887777') })]),
      'CONFIG_RECORDER_NOT_SERVICE_LINKED_ROLE',
      'instead of the service-linked role',
    ),
    {
      name: 'a Region with no recorder: its status is not read',
      fixture: { 'config.recorders': [] },
      results: { resource: ACCOUNT, reasonCode: 'CONFIG_RECORDER_NOT_PRESENT', reason: 'AWS Config has no configuration recorder in us-east-1.' },
    },
    {
      name: 'a Region with only a service-linked recorder of another service',
      fixture: { 'config.recorders': [recorder({ name: 'svc', servicePrincipal: 'securityhub.amazonaws.com' })] },
      results: { resource: ACCOUNT, reasonCode: 'CONFIG_RECORDER_NOT_PRESENT' },
    },
  ],
  notAvailable: [
    {
      name: 'the recorders cannot be read',
      fixture: { 'config.recorders': denied('config:DescribeConfigurationRecorders') },
      results: {
        resource: ACCOUNT,
        reasonCode: 'ACCESS_DENIED',
        action: 'config:DescribeConfigurationRecorders',
        reason: 'Missing permission config:DescribeConfigurationRecorders (AccessDenied)',
      },
    },
    {
      name: 'the recorder status cannot be read',
      fixture: { 'config.recorders': [recorder()], 'config.recorderStatus': denied('config:DescribeConfigurationRecorderStatus') },
      results: {
        resource: ACCOUNT,
        reasonCode: 'ACCESS_DENIED',
        action: 'config:DescribeConfigurationRecorderStatus',
        reason: 'Missing permission config:DescribeConfigurationRecorderStatus (AccessDenied)',
      },
    },
  ],
});

// The rule with its parameter turned off: not a table of its own, two checks.
const runWithoutRoleCheck = ruleHarness({ ...rule, params: { includeConfigServiceLinkedRoleCheck: false } });

it('skips the role check when includeConfigServiceLinkedRoleCheck is false', async () => {
  const { results } = await runWithoutRoleCheck(fixture([recorder({ roleARN: 'arn:aws:iam::123456789012:role/config-recorder' })]));
  expect(results).toMatchObject([{ status: 'PASSED', reasonCode: 'CONFIG_RECORDER_RECORDING', evidence: { serviceLinkedRoleChecked: false } }]);
});

it('is NOT_AVAILABLE without the role check too when the recorders cannot be read', async () => {
  const { results } = await runWithoutRoleCheck({ 'config.recorders': denied('config:DescribeConfigurationRecorders') });
  expect(results).toMatchObject([{ status: 'NOT_AVAILABLE', reasonCode: 'ACCESS_DENIED', evidence: { action: 'config:DescribeConfigurationRecorders' } }]);
});
