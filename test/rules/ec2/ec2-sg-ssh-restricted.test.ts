import { expect, it } from 'vitest';
import rule from '../../../rules/ec2/ec2-sg-ssh-restricted.js';
import { runsFor } from '../../../src/engine/registry.js';
import { testRule } from '../../helpers/rule-tester.js';
import { ARN, sg, v4, v6 } from './security-groups.fixture.js';
import { openPortCases } from './security-groups.table.js';

testRule(
  rule,
  openPortCases({
    failing: ['sg-ssh-v4', 'sg-ssh-v6', 'sg-wide-v4', 'sg-all-v4', 'sg-all-v6'],
    why: 'udp 22 (sg-udp-admin-v4) is not SSH: EC2.13 counts TCP and all-protocol rules only',
    options: { benchmarks: ['1.2.0'] },
    extra: {
      failed: [
        {
          name: 'the offending permissions are in the evidence and the reason',
          fixture: {
            'ec2.securityGroups': [sg('sg-two', [v4('tcp', 20, 30), v6('-1', undefined, undefined), v4('tcp', 22, 22, '10.1.0.0/16')])],
          },
          options: { benchmarks: ['1.2.0'] },
          results: {
            resource: ARN('sg-two'),
            reasonCode: 'OPEN_TO_INTERNET',
            reason: 'Security group two (sg-two) allows inbound traffic to port 22 from 0.0.0.0/0 and ::/0 (tcp 20-30, all traffic).',
            evidence: { openPermissions: 'tcp 20-30 from 0.0.0.0/0; all traffic from ::/0', exposedPorts: '22', checkedPorts: '22' },
          },
          check: ({ results, findings }) => {
            expect(results[0]?.reason).toBe('Security group two (sg-two) allows inbound traffic to port 22 from 0.0.0.0/0 and ::/0 (tcp 20-30, all traffic).');
            expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsEc2SecurityGroup', Id: ARN('sg-two') });
            expect(findings[0]?.Severity?.Label).toBe('HIGH');
            expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v1.2.0/4.1']);
          },
        },
      ],
    },
  }),
);

it('runs for CIS v1.2.0 only (replaced by EC2.21 and EC2.53/54 from v1.4.0)', () => {
  expect((['1.2.0', '1.4.0', '3.0.0', '5.0.0'] as const).filter((v) => runsFor(rule, v))).toEqual(['1.2.0']);
});
