import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { evaluatedInstances } from '../lib/instances.js';
import { ruleDocRemediation, withSteps } from '../lib/remediation.js';
import { instanceResource } from '../lib/resources.js';

export default defineRule({
  id: 'ec2-instance-iam-role-attached',
  title: 'EC2 instances should use an IAM role (instance profile) for AWS access',
  securityHubControlId: null,
  // No Security Hub control: MEDIUM, as the other instance-configuration findings that are not directly exploitable.
  severity: 'MEDIUM',
  cis: { '1.2.0': '1.19', '1.4.0': '1.18', '3.0.0': '1.18', '5.0.0': '1.17', '6.0.0': '2.17', '7.0.0': '2.16' },
  cisStatus: { '1.2.0': 'NS', '1.4.0': 'M', '3.0.0': 'A/M?', '5.0.0': 'A', '6.0.0': 'A', '7.0.0': 'A' },
  scope: 'region',
  resourceType: 'AwsEc2Instance',
  requiredActions: ['ec2:DescribeInstances'],
  reasonCodes: {
    INSTANCE_PROFILE_ATTACHED: 'The instance has an IAM instance profile (an IAM role).',
    NO_INSTANCE_PROFILE: 'The instance has no IAM instance profile.',
  },
  remediation: withSteps('ec2-instance-iam-role-attached', ruleDocRemediation(
    'ec2',
    'ec2-instance-iam-role-attached',
    'Attach an instance profile with a least-privilege IAM role to each instance (aws ec2 associate-iam-instance-profile), and remove any access keys stored on it.',
  ), {
    change: 'Attach an instance profile with a least-privilege role to the instance (in its Region), and remove any access keys stored on it.',
    cli: ['aws ec2 associate-iam-instance-profile --region {{region}} --instance-id {{resource}} --iam-instance-profile Name={{instanceProfile}}'],
    cloudformation: `InstanceRole:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Principal:
            Service: ec2.amazonaws.com
          Action: sts:AssumeRole
InstanceProfile:
  Type: AWS::IAM::InstanceProfile
  Properties:
    InstanceProfileName: "{{instanceProfile}}"
    Roles:
      - !Ref InstanceRole
# On the existing AWS::EC2::Instance: IamInstanceProfile: !Ref InstanceProfile
`,
    terraform: `resource "aws_iam_role" "instance" {
  name = "{{instanceProfile}}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_instance_profile" "instance" {
  name = "{{instanceProfile}}"
  role = aws_iam_role.instance.name
}

# On the existing aws_instance: iam_instance_profile = aws_iam_instance_profile.instance.name
`,
    inputs: { instanceProfile: { default: 'app-instance', means: 'An instance profile whose role grants only what the instance needs.' } },
  }),
  async evaluate({ data, account, region, partition }) {
    const instances = evaluatedInstances(await data.ec2.instances());
    return instances.map((instance) => {
      const resource = instanceResource(instance, partition, region, account);
      const profile = instance.IamInstanceProfile?.Arn ?? null;
      const evidence = { iamInstanceProfileArn: profile, state: instance.State?.Name ?? null };
      const name = resource.name ?? instance.InstanceId ?? 'the instance';
      return profile
        ? pass(resource, `Instance ${name} has the IAM instance profile ${profile}.`, { reasonCode: 'INSTANCE_PROFILE_ATTACHED', evidence })
        : fail(resource, `Instance ${name} has no IAM instance profile (no IAM role).`, { reasonCode: 'NO_INSTANCE_PROFILE', evidence });
    });
  },
});
