import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
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
  remediation: withSteps('ec2-default-sg-closed', securityHubRemediation(
    'EC2.2',
    'Remove every inbound and outbound rule from the default security group of each VPC, and give resources purpose-made security groups instead.',
  ), {
    change: "Remove every inbound and outbound rule from the VPC's default security group (in its Region), and give resources purpose-made groups instead.",
    cli: [
      "aws ec2 revoke-security-group-ingress --region {{region}} --group-id {{resource}} --security-group-rule-ids $(aws ec2 describe-security-group-rules --region {{region}} --filters Name=group-id,Values={{resource}} --query 'SecurityGroupRules[?!IsEgress].SecurityGroupRuleId' --output text)",
      "aws ec2 revoke-security-group-egress --region {{region}} --group-id {{resource}} --security-group-rule-ids $(aws ec2 describe-security-group-rules --region {{region}} --filters Name=group-id,Values={{resource}} --query 'SecurityGroupRules[?IsEgress].SecurityGroupRuleId' --output text)",
    ],
    cloudformation: `# CloudFormation cannot adopt a default security group; this empties it at
# creation, in the stack that creates the VPC: a group rule that refers to
# itself and allows nothing routable replaces the default allow-all egress.
Vpc:
  Type: AWS::EC2::VPC
  Properties:
    CidrBlock: 10.0.0.0/16
DefaultGroupNoEgress:
  Type: AWS::EC2::SecurityGroupEgress
  Properties:
    GroupId: !GetAtt Vpc.DefaultSecurityGroup
    IpProtocol: "-1"
    CidrIp: 127.0.0.1/32
`,
    terraform: `# Adopting the default group with no ingress or egress blocks removes all its rules.
resource "aws_default_security_group" "default" {
  vpc_id = "{{vpcId}}"
}
`,
    inputs: { vpcId: { default: 'vpc-0123456789abcdef0', means: "The id of the group's VPC (the finding's resource details, VpcId)." } },
  }),
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
