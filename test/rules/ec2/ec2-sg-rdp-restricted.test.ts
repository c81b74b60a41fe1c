import rule from '../../../rules/ec2/ec2-sg-rdp-restricted.js';
import { testRule } from '../../helpers/rule-tester.js';
import { ARN, sg, v4, v6 } from './security-groups.fixture.js';
import { openPortCases } from './security-groups.table.js';

testRule(
  rule,
  openPortCases({
    failing: ['sg-wide-v4', 'sg-all-v4', 'sg-all-v6', 'sg-rdp-v4', 'sg-rdp-v6-numeric'],
    why: 'udp 3389 (sg-udp-admin-v4) is not counted: EC2.14 counts TCP and all-protocol rules only',
    options: { benchmarks: ['1.2.0'] },
    extra: {
      failed: [
        {
          name: 'both open sources of a group that exposes 3389 over IPv4 and IPv6 are listed',
          fixture: { 'ec2.securityGroups': [sg('sg-rdp', [v4('tcp', 3389, 3389), v6('tcp', 3000, 4000), v4('tcp', 22, 22)])] },
          results: {
            resource: ARN('sg-rdp'),
            reasonCode: 'OPEN_TO_INTERNET',
            reason: 'Security group rdp (sg-rdp) allows inbound traffic to port 3389 from 0.0.0.0/0 and ::/0 (tcp 3389, tcp 3000-4000).',
            evidence: { exposedPorts: '3389', checkedSources: '0.0.0.0/0 or ::/0' },
          },
        },
      ],
    },
  }),
);
