import { describe, expect, it } from 'vitest';
import rule from '../../../rules/ec2/ec2-sg-rdp-restricted.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { ALL_IDS, ARN, GROUPS, sg, v4, v6 } from './security-groups.fixture.js';

const run = ruleHarness(rule);

const FAILING = ['sg-wide-v4', 'sg-all-v4', 'sg-all-v6', 'sg-rdp-v4', 'sg-rdp-v6-numeric'];

describe('ec2-sg-rdp-restricted (EC2.14)', () => {
  it('gives every security group one result and fails exactly the open ones', async () => {
    // udp 3389 (sg-udp-admin-v4) is not counted: EC2.14 counts TCP and all-protocol rules only.
    const { results } = await run({ 'ec2.securityGroups': GROUPS }, { benchmarks: ['1.2.0'] });
    expect(results.map((r) => r.resource.id)).toEqual(ALL_IDS.map(ARN));
    const failed = results.filter((r) => r.status === 'FAILED').map((r) => r.resource.id);
    expect(failed).toEqual(FAILING.map(ARN));
    expect(results.filter((r) => r.status !== 'FAILED').every((r) => r.status === 'PASSED')).toBe(true);
  });

  it('lists both open sources of a group that exposes 3389 over IPv4 and IPv6', async () => {
    const { results } = await run({ 'ec2.securityGroups': [sg('sg-rdp', [v4('tcp', 3389, 3389), v6('tcp', 3000, 4000), v4('tcp', 22, 22)])] });
    expect(results[0]).toMatchObject({
      status: 'FAILED',
      reason: 'Security group rdp (sg-rdp) allows inbound traffic to port 3389 from 0.0.0.0/0 and ::/0 (tcp 3389, tcp 3000-4000).',
      evidence: { exposedPorts: '3389', checkedSources: '0.0.0.0/0 or ::/0' },
    });
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
