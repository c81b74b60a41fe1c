import { defineRule, type ResourceRef } from '../../src/engine/rule.js';
import { ACCESS_LOGGING_REASON_CODES, judgeAccessLoggingOf } from '../lib/access-logging.js';
import { ruleDocRemediation, withSteps } from '../lib/remediation.js';

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
  remediation: withSteps('elb-classic-load-balancer-access-logging-enabled', ruleDocRemediation(
    'elb',
    'elb-classic-load-balancer-access-logging-enabled',
    'Turn on access logs to an S3 bucket: aws elb modify-load-balancer-attributes --load-balancer-name <name> --load-balancer-attributes "AccessLog={Enabled=true,S3BucketName=<bucket>,EmitInterval=60}".',
  ), {
    change: 'Turn on access logs for the Classic Load Balancer, in its Region, to an S3 bucket in the same Region whose policy lets Elastic Load Balancing write to it.',
    cli: [
      "aws elb modify-load-balancer-attributes --region {{region}} --load-balancer-name {{resource}} --load-balancer-attributes '{\"AccessLog\":{\"Enabled\":true,\"S3BucketName\":\"{{logBucket|json}}\",\"EmitInterval\":60}}'",
    ],
    cloudformation: `# On the existing AWS::ElasticLoadBalancing::LoadBalancer; the listeners and other properties stay as they are.
LoadBalancer:
  Type: AWS::ElasticLoadBalancing::LoadBalancer
  Properties:
    LoadBalancerName: "{{resource}}"
    Listeners:
      - LoadBalancerPort: "80"
        InstancePort: "80"
        Protocol: HTTP
    AccessLoggingPolicy:
      Enabled: true
      S3BucketName: "{{logBucket}}"
      EmitInterval: 60
`,
    terraform: `# On the existing aws_elb; the listeners and other arguments stay as they are.
resource "aws_elb" "this" {
  name = "{{resource}}"

  listener {
    lb_port           = 80
    lb_protocol       = "http"
    instance_port     = 80
    instance_protocol = "http"
  }

  access_logs {
    bucket   = "{{logBucket}}"
    interval = 60
    enabled  = true
  }
}
`,
    inputs: {
      logBucket: { default: 'elb-access-logs-{{account}}', means: 'the S3 bucket, in the load balancer\'s Region, that receives the access logs' },
    },
  }),
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
