import { describe, expect, it } from 'vitest';
import rule from '../../../rules/ec2/ec2-sg-cifs-restricted.js';
import { runsFor } from '../../../src/engine/registry.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { ALL_IDS, ARN, GROUPS, sg, v4 } from './security-groups.fixture.js';

const run = ruleHarness(rule);

const FAILING = ['sg-wide-v4', 'sg-all-v4', 'sg-all-v6', 'sg-udp-admin-v4', 'sg-cifs-v4', 'sg-cifs-udp-v6'];

describe('ec2-sg-cifs-restricted (CIS v5.0.0 5.1.2)', () => {
  it('gives every security group one result and fails exactly the open ones', async () => {
    // Rules for ports 22 or 3389 alone are not CIFS; udp 22-3389 (sg-udp-admin-v4) spans 445.
    const { results } = await run({ 'ec2.securityGroups': GROUPS });
    expect(results.map((r) => r.resource.id)).toEqual(ALL_IDS.map(ARN));
    const failed = results.filter((r) => r.status === 'FAILED').map((r) => r.resource.id);
    expect(failed).toEqual(FAILING.map(ARN));
    expect(results.filter((r) => r.status !== 'FAILED').every((r) => r.status === 'PASSED')).toBe(true);
  });

  it('runs for CIS v5.0.0 and its renumberings only, its disputed A/M? status counting as Automated', () => {
    expect((['1.2.0', '1.4.0', '3.0.0', '5.0.0', '6.0.0', '7.0.0'] as const).filter((v) => runsFor(rule, v))).toEqual(['5.0.0', '6.0.0', '7.0.0']);
    expect(rule.cisStatus).toEqual({ '5.0.0': 'A/M?', '6.0.0': 'A/M?', '7.0.0': 'A/M?' });
  });

  it('has no Security Hub control id and links its own doc', async () => {
    const { findings } = await run({ 'ec2.securityGroups': [sg('sg-cifs', [v4('tcp', 445, 445)])] });
    expect(findings[0]?.Compliance?.SecurityControlId).toBeUndefined();
    expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v5.0.0/5.1.2']);
    expect(findings[0]?.Remediation?.Recommendation?.Url).toBe('https://github.com/hubcheck/hubcheck/blob/main/rules/ec2/ec2-sg-cifs-restricted.md');
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
