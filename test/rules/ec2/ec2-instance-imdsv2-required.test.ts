import { describe, expect, it } from 'vitest';
import rule from '../../../rules/ec2/ec2-instance-imdsv2-required.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { ARN, instance } from './instances.fixture.js';

const run = ruleHarness(rule);

describe('ec2-instance-imdsv2-required (EC2.8)', () => {
  it('passes instances that require tokens and fails those that allow IMDSv1', async () => {
    const { results, findings } = await run({
      'ec2.instances': [
        instance('i-v2', { MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' }, Tags: [{ Key: 'Name', Value: 'web' }] }),
        instance('i-v1'),
        instance('i-stopped', { State: { Name: 'stopped', Code: 80 } }),
      ],
    });
    expect(results.map((r) => [r.resource.id, r.status])).toEqual([
      [ARN('i-v2'), 'PASSED'],
      [ARN('i-v1'), 'FAILED'],
      [ARN('i-stopped'), 'FAILED'],
    ]);
    expect(results[0]?.reason).toBe('Instance web (i-v2) requires IMDSv2 session tokens.');
    expect(results[1]).toMatchObject({
      reason: 'Instance i-v1 has HttpTokens optional: IMDSv1 is allowed.',
      reasonCode: 'IMDSV1_ALLOWED',
      evidence: { httpTokens: 'optional', httpEndpoint: 'enabled', state: 'running' },
    });
    expect(findings[1]?.Resources?.[0]).toMatchObject({
      Type: 'AwsEc2Instance',
      Details: {
        AwsEc2Instance: { Type: 't3.micro', LaunchedAt: '2026-11-01T10:00:00.000Z', MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' } },
      },
    });
    expect(findings[1]?.Severity?.Label).toBe('HIGH');
  });

  it('fails HttpTokens optional even with the metadata endpoint disabled, and says the endpoint is disabled', async () => {
    const { results } = await run({
      'ec2.instances': [instance('i-off', { MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'disabled' } })],
    });
    expect(results[0]).toMatchObject({ status: 'FAILED', reasonCode: 'IMDSV1_ALLOWED_ENDPOINT_DISABLED' });
    expect(results[0]?.reason).toMatch(/HttpTokens optional: IMDSv1 is allowed\. The metadata endpoint is disabled now/);
  });

  it('fails an instance that reports no metadata options', async () => {
    const { results } = await run({ 'ec2.instances': [instance('i-bare', { MetadataOptions: undefined })] });
    expect(results[0]).toMatchObject({ status: 'FAILED', reason: 'Instance i-bare does not report HttpTokens: IMDSv1 is allowed.' });
  });

  it('gives terminated and terminating instances no result', async () => {
    const { results } = await run({
      'ec2.instances': [
        instance('i-gone', { State: { Name: 'terminated', Code: 48 } }),
        instance('i-going', { State: { Name: 'shutting-down', Code: 32 } }),
        instance('i-pending', { State: { Name: 'pending', Code: 0 } }),
      ],
    });
    expect(results.map((r) => r.resource.id)).toEqual([ARN('i-pending')]);
  });

  it('is NOT_AVAILABLE when instances cannot be listed', async () => {
    const { results } = await run({ 'ec2.instances': denied('ec2:DescribeInstances') });
    expect(results).toEqual([expect.objectContaining({ status: 'NOT_AVAILABLE', reason: 'Missing permission ec2:DescribeInstances (AccessDenied)' })]);
  });
});
