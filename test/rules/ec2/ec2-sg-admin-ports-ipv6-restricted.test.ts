import { describe, expect, it } from 'vitest';
import rule from '../../../rules/ec2/ec2-sg-admin-ports-ipv6-restricted.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { ALL_IDS, ARN, GROUPS, sg, v4, v6 } from './security-groups.fixture.js';

const run = ruleHarness(rule);

const FAILING = ['sg-ssh-v6', 'sg-all-v6', 'sg-rdp-v6-numeric'];

describe('ec2-sg-admin-ports-ipv6-restricted (EC2.54)', () => {
  it('gives every security group one result and fails exactly the open ones', async () => {
    // 0.0.0.0/0 sources are EC2.53's: EC2.54 looks at ::/0 only.
    const { results } = await run({ 'ec2.securityGroups': GROUPS });
    expect(results.map((r) => r.resource.id)).toEqual(ALL_IDS.map(ARN));
    const failed = results.filter((r) => r.status === 'FAILED').map((r) => r.resource.id);
    expect(failed).toEqual(FAILING.map(ARN));
    expect(results.filter((r) => r.status !== 'FAILED').every((r) => r.status === 'PASSED')).toBe(true);
  });

  it('accepts any spelling of ::/0 and leaves 0.0.0.0/0 rules of the same group to EC2.53', async () => {
    const { results } = await run({ 'ec2.securityGroups': [sg('sg-mixed', [v4('tcp', 22, 22), v6('udp', 3389, 3389, '0::/0')])] });
    expect(results[0]).toMatchObject({
      status: 'FAILED',
      reason: 'Security group mixed (sg-mixed) allows inbound traffic to port 3389 from 0::/0 (udp 3389).',
      evidence: { exposedPorts: '3389', checkedSources: '::/0', openPermissions: 'udp 3389 from 0::/0' },
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
