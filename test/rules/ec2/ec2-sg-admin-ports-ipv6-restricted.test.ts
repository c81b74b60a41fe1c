import rule from '../../../rules/ec2/ec2-sg-admin-ports-ipv6-restricted.js';
import { testRule } from '../../helpers/rule-tester.js';
import { ARN, sg, v4, v6 } from './security-groups.fixture.js';
import { openPortCases } from './security-groups.table.js';

testRule(
  rule,
  openPortCases({
    failing: ['sg-ssh-v6', 'sg-all-v6', 'sg-rdp-v6-numeric'],
    why: "0.0.0.0/0 sources are EC2.53's: EC2.54 looks at ::/0 only",
    extra: {
      failed: [
        {
          name: 'any spelling of ::/0 counts, and 0.0.0.0/0 rules of the same group are left to EC2.53',
          fixture: { 'ec2.securityGroups': [sg('sg-mixed', [v4('tcp', 22, 22), v6('udp', 3389, 3389, '0::/0')])] },
          results: {
            resource: ARN('sg-mixed'),
            reasonCode: 'OPEN_TO_INTERNET',
            reason: 'Security group mixed (sg-mixed) allows inbound traffic to port 3389 from 0::/0 (udp 3389).',
            evidence: { exposedPorts: '3389', checkedSources: '::/0', openPermissions: 'udp 3389 from 0::/0' },
          },
        },
      ],
    },
  }),
);
