import { describe, expect, it } from 'vitest';
import type { ConfigurationRecorder, ConfigurationRecorderStatus } from '@aws-sdk/client-config-service';
import rule from '../../../rules/config/config-recorder-enabled.js';
import { denied, type Fixture } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);
const runWithoutRoleCheck = ruleHarness({ ...rule, params: { includeConfigServiceLinkedRoleCheck: false } });

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

describe('config-recorder-enabled (Config.1)', () => {
  it('passes a recording recorder of all resource types with the service-linked role, in every Region', async () => {
    const { results } = await run(fixture([recorder()]), { regions: ['us-east-1', 'eu-west-1'] });
    expect(results.map((r) => [r.resource.region, r.status])).toEqual([
      ['eu-west-1', 'PASSED'],
      ['us-east-1', 'PASSED'],
    ]);
    expect(results[1]?.evidence).toMatchObject({ recorder: 'default', recording: true, lastStatus: 'Success', allSupported: true, roleARN: SLR });
  });

  it('accepts lastStatus PENDING (a recorder that has not delivered yet, and moto)', async () => {
    const { results } = await run(fixture([recorder()], [status({ lastStatus: 'Pending' })]));
    expect(results[0]?.status).toBe('PASSED');
  });

  it('asks for global resource types in the home Region only', async () => {
    const noGlobal = recorder({ recordingGroup: { allSupported: true, includeGlobalResourceTypes: false } });
    const { results } = await run(fixture([noGlobal]), { regions: ['us-east-1', 'eu-west-1'] });
    expect(results.map((r) => [r.resource.region, r.status])).toEqual([
      ['eu-west-1', 'PASSED'],
      ['us-east-1', 'FAILED'],
    ]);
    expect(results[1]?.reason).toContain('it does not record global resource types (IAM) in the home Region');
  });

  const FAILING: [string, Fixture, string][] = [
    ['stopped', fixture([recorder()], [status({ recording: false })]), 'it is not recording'],
    ['never started (no status)', fixture([recorder()], []), 'it is not recording'],
    ['last delivery failed', fixture([recorder()], [status({ lastStatus: 'Failure', lastErrorCode: 'AccessDenied' })]), 'its last delivery failed (AccessDenied)'],
    [
      'selected resource types only',
      fixture([recorder({ recordingGroup: { allSupported: false, includeGlobalResourceTypes: true, resourceTypes: ['AWS::EC2::Instance'] } })]),
      'it does not record all supported resource types',
    ],
    [
      'a custom role',
      fixture([recorder({ roleARN: 'arn:aws:iam::123456789012:role/config-recorder' })]),
      'it uses arn:aws:iam::123456789012:role/config-recorder instead of the service-linked role AWSServiceRoleForConfig',
    ],
    [
      "another account's service-linked role",
      fixture([recorder({ roleARN: SLR.replace('123456789012', '999988887777') })]),
      'instead of the service-linked role',
    ],
  ];
  it.each(FAILING)('fails a recorder that is %s', async (_name, f, problem) => {
    const { results } = await run(f);
    expect(results).toHaveLength(1);
    expect(results[0]?.status).toBe('FAILED');
    expect(results[0]?.reason).toContain(problem);
  });

  it('skips the role check when includeConfigServiceLinkedRoleCheck is false', async () => {
    const custom = fixture([recorder({ roleARN: 'arn:aws:iam::123456789012:role/config-recorder' })]);
    const { results } = await runWithoutRoleCheck(custom);
    expect(results[0]).toMatchObject({ status: 'PASSED', evidence: { serviceLinkedRoleChecked: false } });
  });

  it('fails a Region with no recorder, or only a service-linked recorder of another service', async () => {
    let { results } = await run(fixture([], []));
    expect(results[0]).toMatchObject({ status: 'FAILED', reasonCode: 'CONFIG_RECORDER_NOT_PRESENT', reason: 'AWS Config has no configuration recorder in us-east-1.' });
    ({ results } = await run(fixture([recorder({ name: 'svc', servicePrincipal: 'securityhub.amazonaws.com' })], [status({ name: 'svc' })])));
    expect(results[0]?.reasonCode).toBe('CONFIG_RECORDER_NOT_PRESENT');
  });

  it('is NOT_AVAILABLE when the recorders or their status cannot be read', async () => {
    let { results } = await run({ 'config.recorders': denied('config:DescribeConfigurationRecorders') });
    expect(results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission config:DescribeConfigurationRecorders (AccessDenied)' });
    ({ results } = await run({ 'config.recorders': [recorder()], 'config.recorderStatus': denied('config:DescribeConfigurationRecorderStatus') }));
    expect(results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission config:DescribeConfigurationRecorderStatus (AccessDenied)' });
    ({ results } = await runWithoutRoleCheck({ 'config.recorders': denied('config:DescribeConfigurationRecorders') }));
    expect(results[0]?.status).toBe('NOT_AVAILABLE');
  });
});
