import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { evaluatedInstances } from '../lib/instances.js';
import { securityHubRemediation } from '../lib/remediation.js';
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
  remediation: securityHubRemediation(
    'EC2.8',
    'Require IMDSv2 on each instance (aws ec2 modify-instance-metadata-options --http-tokens required), after checking that its software uses session tokens.',
  ),
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
