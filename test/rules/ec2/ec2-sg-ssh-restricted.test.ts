import { describe, expect, it } from 'vitest';
import rule from '../../../rules/ec2/ec2-sg-ssh-restricted.js';
import { runsFor } from '../../../src/engine/registry.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { ALL_IDS, ARN, GROUPS, sg, v4, v6 } from './security-groups.fixture.js';

const run = ruleHarness(rule);

const FAILING = ['sg-ssh-v4', 'sg-ssh-v6', 'sg-wide-v4', 'sg-all-v4', 'sg-all-v6'];

describe('ec2-sg-ssh-restricted (EC2.13)', () => {
  it('gives every security group one result and fails exactly the open ones', async () => {
    // udp 22 (sg-udp-admin-v4) is not SSH: EC2.13 counts TCP and all-protocol rules only.
    const { results } = await run({ 'ec2.securityGroups': GROUPS }, { benchmarks: ['1.2.0'] });
    expect(results.map((r) => r.resource.id)).toEqual(ALL_IDS.map(ARN));
    const failed = results.filter((r) => r.status === 'FAILED').map((r) => r.resource.id);
    expect(failed).toEqual(FAILING.map(ARN));
    expect(results.filter((r) => r.status !== 'FAILED').every((r) => r.status === 'PASSED')).toBe(true);
  });

  it('puts the offending permissions in the evidence and the reason', async () => {
    const { results, findings } = await run({
      'ec2.securityGroups': [sg('sg-two', [v4('tcp', 20, 30), v6('-1', undefined, undefined), v4('tcp', 22, 22, '10.1.0.0/16')])],
    }, { benchmarks: ['1.2.0'] });
    expect(results[0]).toMatchObject({
      status: 'FAILED',
      reasonCode: 'OPEN_TO_INTERNET',
      reason: 'Security group two (sg-two) allows inbound traffic to port 22 from 0.0.0.0/0 and ::/0 (tcp 20-30, all traffic).',
      evidence: { openPermissions: 'tcp 20-30 from 0.0.0.0/0; all traffic from ::/0', exposedPorts: '22', checkedPorts: '22' },
    });
    expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsEc2SecurityGroup', Id: ARN('sg-two') });
    expect(findings[0]?.Severity?.Label).toBe('HIGH');
    expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v1.2.0/4.1']);
  });

  it('runs for CIS v1.2.0 only (replaced by EC2.21 and EC2.53/54 from v1.4.0)', () => {
    expect((['1.2.0', '1.4.0', '3.0.0', '5.0.0'] as const).filter((v) => runsFor(rule, v))).toEqual(['1.2.0']);
  });

  it('passes a group with no inbound rules, saying what it checked', async () => {
    const { results } = await run({ 'ec2.securityGroups': [sg('sg-quiet', [])] });
    expect(results[0]?.status).toBe('PASSED');
    expect(results[0]?.reason).toMatch(/^Security group quiet \(sg-quiet\) allows no inbound traffic from /);
    expect(results[0]?.evidence?.openPermissions).toBeNull();
  });

  it('is NOT_AVAILABLE when security groups cannot be listed', async () => {
    const { results } = await run({ 'ec2.securityGroups': denied('ec2:DescribeSecurityGroups') });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission ec2:DescribeSecurityGroups (AccessDenied)' });
  });
});
