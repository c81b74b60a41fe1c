import { defineRule } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { evaluateOpenPorts, OPEN_PORT_REASON_CODES, type OpenPortParams, openPortSteps } from '../lib/security-group-ports.js';

export default defineRule<OpenPortParams>({
  id: 'ec2-sg-rdp-restricted',
  title: 'Security groups should not allow ingress from 0.0.0.0/0 or ::/0 to port 3389',
  securityHubControlId: 'EC2.14',
  severity: 'HIGH',
  cis: { '1.2.0': '4.2' },
  scope: 'region',
  resourceType: 'AwsEc2SecurityGroup',
  requiredActions: ['ec2:DescribeSecurityGroups'],
  reasonCodes: OPEN_PORT_REASON_CODES,
  // As EC2.13 (restricted-ssh), for port 3389: TCP or all protocols, from either open range.
  params: { ipType: 'any', ports: [3389], protocols: ['6', '-1'] },
  remediation: withSteps('ec2-sg-rdp-restricted', securityHubRemediation(
    'EC2.14',
    'Remove the inbound rules that allow port 3389 from 0.0.0.0/0 or ::/0, and allow RDP only from known address ranges (or through a bastion or Fleet Manager).',
  ), openPortSteps([3389], ['IPv4', 'IPv6'])),
  evaluate: evaluateOpenPorts,
});
