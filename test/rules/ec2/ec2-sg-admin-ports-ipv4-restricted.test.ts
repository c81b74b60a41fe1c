import { expect } from 'vitest';
import rule from '../../../rules/ec2/ec2-sg-admin-ports-ipv4-restricted.js';
import { testRule } from '../../helpers/rule-tester.js';
import { ARN, sg, v4 } from './security-groups.fixture.js';
import { openPortCases } from './security-groups.table.js';

testRule(
  rule,
  openPortCases({
    failing: ['sg-ssh-v4', 'sg-wide-v4', 'sg-all-v4', 'sg-udp-admin-v4', 'sg-rdp-v4'],
    why: "::/0 sources (sg-ssh-v6, sg-all-v6) are EC2.54's: EC2.53 looks at 0.0.0.0/0 only",
    extra: {
      failed: [
        {
          name: 'every exposed port is named, and CIS v1.4.0 5.2 is mapped as an extra requirement',
          fixture: { 'ec2.securityGroups': [sg('sg-both', [v4('udp', 22, 22), v4('tcp', 3000, 4000)])] },
          options: { benchmarks: ['1.4.0', '5.0.0'] },
          results: {
            resource: ARN('sg-both'),
            reasonCode: 'OPEN_TO_INTERNET',
            reason: 'Security group both (sg-both) allows inbound traffic to ports 22, 3389 from 0.0.0.0/0 (udp 22, tcp 3000-4000).',
            evidence: { exposedPorts: '22,3389', checkedSources: '0.0.0.0/0' },
          },
          check: ({ results, findings }) => {
            expect(results[0]?.reason).toBe('Security group both (sg-both) allows inbound traffic to ports 22, 3389 from 0.0.0.0/0 (udp 22, tcp 3000-4000).');
            expect(findings[0]?.Compliance?.RelatedRequirements).toEqual([
              'CIS AWS Foundations Benchmark v1.4.0/5.2',
              'CIS AWS Foundations Benchmark v5.0.0/5.3',
            ]);
          },
        },
      ],
    },
  }),
);
