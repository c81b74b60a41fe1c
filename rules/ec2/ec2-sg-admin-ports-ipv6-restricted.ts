import { defineRule } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { evaluateOpenPorts, OPEN_PORT_REASON_CODES, type OpenPortParams, openPortSteps } from '../lib/security-group-ports.js';

export default defineRule<OpenPortParams>({
  id: 'ec2-sg-admin-ports-ipv6-restricted',
  title: 'EC2 security groups should not allow ingress from ::/0 to remote server administration ports',
  securityHubControlId: 'EC2.54',
  severity: 'HIGH',
  cis: { '3.0.0': '5.3', '5.0.0': '5.4', '6.0.0': '6.4', '7.0.0': '6.4' },
  scope: 'region',
  resourceType: 'AwsEc2SecurityGroup',
  requiredActions: ['ec2:DescribeSecurityGroups'],
  reasonCodes: OPEN_PORT_REASON_CODES,
  // The AWS Config rule vpc-sg-port-restriction-check with Security Hub's fixed parameters, for IPv6.
  params: { ipType: 'IPv6', ports: [22, 3389], protocols: ['6', '17', '-1'] },
  remediation: withSteps('ec2-sg-admin-ports-ipv6-restricted', securityHubRemediation(
    'EC2.54',
    'Remove the inbound rules that allow ports 22 or 3389 from ::/0, and allow remote administration only from known address ranges.',
  ), openPortSteps([22, 3389], ['IPv6'])),
  evaluate: evaluateOpenPorts,
});
