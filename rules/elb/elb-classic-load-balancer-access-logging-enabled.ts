import { defineRule, type ResourceRef } from '../../src/engine/rule.js';
import { ACCESS_LOGGING_REASON_CODES, judgeAccessLoggingOf } from '../lib/access-logging.js';
import { ruleDocRemediation } from '../lib/remediation.js';

export default defineRule({
  id: 'elb-classic-load-balancer-access-logging-enabled',
  title: 'Classic Load Balancers should have access logging enabled',
  securityHubControlId: null,
  severity: 'MEDIUM',
  cis: { '7.0.0': '4.10' },
  scope: 'region',
  resourceType: 'AwsElbLoadBalancer',
  requiredActions: ['elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeLoadBalancerAttributes'],
  reasonCodes: ACCESS_LOGGING_REASON_CODES,
  remediation: ruleDocRemediation(
    'elb',
    'elb-classic-load-balancer-access-logging-enabled',
    'Turn on access logs to an S3 bucket: aws elb modify-load-balancer-attributes --load-balancer-name <name> --load-balancer-attributes "AccessLog={Enabled=true,S3BucketName=<bucket>,EmitInterval=60}".',
  ),
  async evaluate({ data, region, partition, account }) {
    const resource = (name: string): ResourceRef => ({
      type: 'AwsElbLoadBalancer',
      id: `arn:${partition}:elasticloadbalancing:${region}:${account}:loadbalancer/${name}`,
      name,
      details: { AwsElbLoadBalancer: { LoadBalancerName: name } },
    });
    return judgeAccessLoggingOf(await data.elb.loadBalancerNames(), {
      resource,
      label: (name) => `Classic Load Balancer ${name}`,
      read: async (name) => {
        const log = await data.elb.accessLog(name);
        return log && { destination: log.enabled ? (log.bucket ?? 'an S3 bucket') : null };
      },
    });
  },
});
