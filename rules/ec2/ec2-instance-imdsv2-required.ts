import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { evaluatedInstances } from '../lib/instances.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { instanceResource } from '../lib/resources.js';

export default defineRule({
  id: 'ec2-instance-imdsv2-required',
  title: 'EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)',
  securityHubControlId: 'EC2.8',
  severity: 'HIGH',
  cis: { '3.0.0': '5.6', '5.0.0': '5.7', '6.0.0': '6.7', '7.0.0': '6.7' },
  scope: 'region',
  resourceType: 'AwsEc2Instance',
  requiredActions: ['ec2:DescribeInstances'],
  reasonCodes: {
    IMDSV2_REQUIRED: 'The instance requires IMDSv2 session tokens (HttpTokens required).',
    IMDSV1_ALLOWED: 'The instance allows IMDSv1 (HttpTokens optional or not reported).',
    IMDSV1_ALLOWED_ENDPOINT_DISABLED: 'The instance allows IMDSv1; its metadata endpoint is disabled for now.',
  },
  remediation: withSteps('ec2-instance-imdsv2-required', securityHubRemediation(
    'EC2.8',
    'Require IMDSv2 on each instance (aws ec2 modify-instance-metadata-options --http-tokens required), after checking that its software uses session tokens.',
  ), {
    change: 'Require IMDSv2 (session tokens) on the instance, in its Region, once its software uses session tokens.',
    cli: ['aws ec2 modify-instance-metadata-options --region {{region}} --instance-id {{resource}} --http-tokens required --http-endpoint enabled'],
    cloudformation: `# For instances launched from a template: require tokens in its metadata options.
LaunchTemplate:
  Type: AWS::EC2::LaunchTemplate
  Properties:
    LaunchTemplateData:
      MetadataOptions:
        HttpTokens: required
        HttpEndpoint: enabled
`,
    terraform: `# On the existing aws_instance; the other arguments stay as they are.
resource "aws_instance" "this" {
  ami           = "{{ami}}"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens   = "required"
    http_endpoint = "enabled"
  }
}
`,
    inputs: { ami: { default: 'ami-0123456789abcdef0', means: "The instance's AMI (unchanged)." } },
  }),
  async evaluate({ data, account, region, partition }) {
    const instances = evaluatedInstances(await data.ec2.instances());
    return instances.map((instance) => {
      const resource = instanceResource(instance, partition, region, account);
      const options = instance.MetadataOptions;
      const tokens = options?.HttpTokens ?? null;
      const endpoint = options?.HttpEndpoint ?? null;
      const evidence = { httpTokens: tokens, httpEndpoint: endpoint, state: instance.State?.Name ?? null };
      const name = resource.name ?? instance.InstanceId ?? 'the instance';
      if (tokens === 'required') {
        return pass(resource, `Instance ${name} requires IMDSv2 session tokens.`, { reasonCode: 'IMDSV2_REQUIRED', evidence });
      }
      const found = tokens === null ? 'does not report HttpTokens' : `has HttpTokens ${tokens}`;
      const disabled = endpoint === 'disabled' ? ' The metadata endpoint is disabled now, but IMDSv1 comes back as soon as it is enabled.' : '';
      return fail(resource, `Instance ${name} ${found}: IMDSv1 is allowed.${disabled}`, {
        reasonCode: endpoint === 'disabled' ? 'IMDSV1_ALLOWED_ENDPOINT_DISABLED' : 'IMDSV1_ALLOWED',
        evidence,
      });
    });
  },
});
