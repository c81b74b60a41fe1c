import { defineRule } from '../../src/engine/rule.js';
import { ruleDocRemediation, withSteps } from '../lib/remediation.js';
import { evaluateOpenPorts, OPEN_PORT_REASON_CODES, type OpenPortParams, openPortSteps } from '../lib/security-group-ports.js';

export default defineRule<OpenPortParams>({
  id: 'ec2-sg-cifs-restricted',
  title: 'Security groups should not allow ingress from 0.0.0.0/0 or ::/0 to the CIFS/SMB port 445',
  securityHubControlId: null,
  // No Security Hub control: the severity of EC2.53 and EC2.54, whose logic this is.
  severity: 'HIGH',
  cis: { '5.0.0': '5.1.2', '6.0.0': '6.1.2', '7.0.0': '6.1.2' },
  cisStatus: { '5.0.0': 'A/M?', '6.0.0': 'A/M?', '7.0.0': 'A/M?' },
  scope: 'region',
  resourceType: 'AwsEc2SecurityGroup',
  requiredActions: ['ec2:DescribeSecurityGroups'],
  reasonCodes: OPEN_PORT_REASON_CODES,
  // The EC2.53/EC2.54 logic (TCP, UDP or all protocols) for port 445, IPv4 and IPv6 alike.
  params: { ipType: 'any', ports: [445], protocols: ['6', '17', '-1'] },
  remediation: withSteps('ec2-sg-cifs-restricted', ruleDocRemediation(
    'ec2',
    'ec2-sg-cifs-restricted',
    'Remove the inbound rules that allow port 445 from 0.0.0.0/0 or ::/0; allow CIFS/SMB only from the address ranges that need file shares.',
  ), openPortSteps([445], ['IPv4', 'IPv6'])),
  evaluate: evaluateOpenPorts,
});
