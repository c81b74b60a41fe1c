import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { securityHubRemediation } from '../lib/remediation.js';
import { securityGroupResource } from '../lib/resources.js';

export default defineRule({
  id: 'ec2-default-sg-closed',
  title: 'VPC default security groups should not allow inbound or outbound traffic',
  securityHubControlId: 'EC2.2',
  severity: 'HIGH',
  cis: { '1.2.0': '4.3', '1.4.0': '5.3', '3.0.0': '5.4', '5.0.0': '5.5', '6.0.0': '6.5', '7.0.0': '6.5' },
  scope: 'region',
  resourceType: 'AwsEc2SecurityGroup',
  requiredActions: ['ec2:DescribeSecurityGroups'],
  reasonCodes: {
    DEFAULT_SG_CLOSED: 'The default security group of the VPC has no inbound and no outbound rules.',
    DEFAULT_SG_HAS_RULES: 'The default security group of the VPC has inbound or outbound rules.',
  },
  remediation: securityHubRemediation(
    'EC2.2',
    'Remove every inbound and outbound rule from the default security group of each VPC, and give resources purpose-made security groups instead.',
  ),
  async evaluate({ data, account, region, partition }) {
    const groups = await data.ec2.securityGroups();
    return groups
      .filter((group) => group.GroupName === 'default')
      .map((group) => {
        const resource = securityGroupResource(group, partition, region, account);
        const inbound = group.IpPermissions?.length ?? 0;
        const outbound = group.IpPermissionsEgress?.length ?? 0;
        const evidence = { vpcId: group.VpcId ?? null, inboundRules: inbound, outboundRules: outbound };
        return inbound === 0 && outbound === 0
          ? pass(resource, `The default security group of ${group.VpcId ?? 'its VPC'} has no rules.`, { reasonCode: 'DEFAULT_SG_CLOSED', evidence })
          : fail(
              resource,
              `The default security group of ${group.VpcId ?? 'its VPC'} has ${inbound} inbound and ${outbound} outbound rules.`,
              { reasonCode: 'DEFAULT_SG_HAS_RULES', evidence },
            );
      });
  },
});
