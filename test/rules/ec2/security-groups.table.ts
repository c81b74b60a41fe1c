/** The test table every open-port rule shares (EC2.13, EC2.14, EC2.53, EC2.54, CIS 5.1.2); each rule names the groups it fails. */
import { expect } from 'vitest';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import type { RunOptions } from '../../helpers/rule-harness.js';
import type { RuleCases } from '../../helpers/rule-tester.js';
import { ALL_IDS, ARN, GROUPS, sg } from './security-groups.fixture.js';

const ACCOUNT = `AWS::::Account:${TEST_ACCOUNT}`;

export interface OpenPortTable {
  /** The groups of GROUPS the rule fails; every other group passes. */
  failing: readonly string[];
  /** Why the groups split that way, for the case's name. */
  why: string;
  options?: RunOptions;
  /** The rule's own cases, added to the shared ones. */
  extra?: Partial<RuleCases>;
}

export function openPortCases({ failing, why, options, extra = {} }: OpenPortTable): RuleCases {
  const unknown = failing.filter((id) => !ALL_IDS.includes(id));
  if (unknown.length > 0) throw new Error(`not in GROUPS: ${unknown.join(', ')}`);
  return {
    passed: [
      {
        name: 'a group with no inbound rules passes, saying what it checked',
        fixture: { 'ec2.securityGroups': [sg('sg-quiet', [])] },
        options,
        results: {
          resource: ARN('sg-quiet'),
          reasonCode: 'NOT_OPEN_TO_INTERNET',
          reason: /^Security group quiet \(sg-quiet\) allows no inbound traffic from /,
          evidence: { openPermissions: null, exposedPorts: null, vpcId: 'vpc-1' },
        },
      },
      ...(extra.passed ?? []),
    ],
    failed: [
      {
        name: `every group gets one result and exactly the open ones fail (${why})`,
        fixture: { 'ec2.securityGroups': GROUPS },
        options,
        results: ALL_IDS.map((id) =>
          failing.includes(id)
            ? { status: 'FAILED' as const, resource: ARN(id), reasonCode: 'OPEN_TO_INTERNET' }
            : { status: 'PASSED' as const, resource: ARN(id), reasonCode: 'NOT_OPEN_TO_INTERNET' },
        ),
        check: ({ results }) => expect(results.map((r) => r.resource.id), 'one result per group, in the order listed').toEqual(ALL_IDS.map(ARN)),
      },
      ...(extra.failed ?? []),
    ],
    notAvailable: [
      {
        name: 'security groups cannot be listed',
        fixture: { 'ec2.securityGroups': denied('ec2:DescribeSecurityGroups') },
        options,
        results: {
          resource: ACCOUNT,
          reasonCode: 'ACCESS_DENIED',
          action: 'ec2:DescribeSecurityGroups',
          reason: 'Missing permission ec2:DescribeSecurityGroups (AccessDenied)',
        },
      },
      ...(extra.notAvailable ?? []),
    ],
    ...(extra.warning ? { warning: extra.warning } : {}),
  };
}
