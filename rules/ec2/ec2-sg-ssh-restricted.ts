import { defineRule } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { evaluateOpenPorts, OPEN_PORT_REASON_CODES, type OpenPortParams, openPortSteps } from '../lib/security-group-ports.js';

export default defineRule<OpenPortParams>({
  id: 'ec2-sg-ssh-restricted',
  title: 'Security groups should not allow ingress from 0.0.0.0/0 or ::/0 to port 22',
  securityHubControlId: 'EC2.13',
  severity: 'HIGH',
  cis: { '1.2.0': '4.1' },
  scope: 'region',
  resourceType: 'AwsEc2SecurityGroup',
  requiredActions: ['ec2:DescribeSecurityGroups'],
  reasonCodes: OPEN_PORT_REASON_CODES,
  // The AWS Config rule restricted-ssh: TCP (or all protocols) to port 22, from either open range.
  params: { ipType: 'any', ports: [22], protocols: ['6', '-1'] },
  remediation: withSteps('ec2-sg-ssh-restricted', securityHubRemediation(
    'EC2.13',
    'Remove the inbound rules that allow port 22 from 0.0.0.0/0 or ::/0, and allow SSH only from known address ranges (or use Session Manager instead).',
  ), openPortSteps([22], ['IPv4', 'IPv6'])),
  evaluate: evaluateOpenPorts,
});
