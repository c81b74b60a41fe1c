import { describe, expect, it } from 'vitest';
import rule from '../../../rules/ec2/ec2-sg-admin-ports-ipv4-restricted.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { ALL_IDS, ARN, GROUPS, sg, v4 } from './security-groups.fixture.js';

const run = ruleHarness(rule);

const FAILING = ['sg-ssh-v4', 'sg-wide-v4', 'sg-all-v4', 'sg-udp-admin-v4', 'sg-rdp-v4'];

describe('ec2-sg-admin-ports-ipv4-restricted (EC2.53)', () => {
  it('gives every security group one result and fails exactly the open ones', async () => {
    // ::/0 sources (sg-ssh-v6, sg-all-v6) are EC2.54's: EC2.53 looks at 0.0.0.0/0 only.
    const { results } = await run({ 'ec2.securityGroups': GROUPS });
    expect(results.map((r) => r.resource.id)).toEqual(ALL_IDS.map(ARN));
    const failed = results.filter((r) => r.status === 'FAILED').map((r) => r.resource.id);
    expect(failed).toEqual(FAILING.map(ARN));
    expect(results.filter((r) => r.status !== 'FAILED').every((r) => r.status === 'PASSED')).toBe(true);
  });

  it('names every exposed port, and maps CIS v1.4.0 5.2 as an extra requirement', async () => {
    const { results, findings } = await run(
      { 'ec2.securityGroups': [sg('sg-both', [v4('udp', 22, 22), v4('tcp', 3000, 4000)])] },
      { benchmarks: ['1.4.0', '5.0.0'] },
    );
    expect(results[0]?.reason).toBe('Security group both (sg-both) allows inbound traffic to ports 22, 3389 from 0.0.0.0/0 (udp 22, tcp 3000-4000).');
    expect(results[0]?.evidence).toMatchObject({ exposedPorts: '22,3389', checkedSources: '0.0.0.0/0' });
    expect(findings[0]?.Compliance?.RelatedRequirements).toEqual([
      'CIS AWS Foundations Benchmark v1.4.0/5.2',
      'CIS AWS Foundations Benchmark v5.0.0/5.3',
    ]);
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
