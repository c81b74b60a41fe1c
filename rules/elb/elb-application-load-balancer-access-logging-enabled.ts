import type { LoadBalancerV2 } from '../../src/data/elbv2.js';
import { defineRule, type ResourceRef } from '../../src/engine/rule.js';
import { ACCESS_LOGGING_REASON_CODES, judgeAccessLoggingOf } from '../lib/access-logging.js';
import { ruleDocRemediation, withSteps } from '../lib/remediation.js';

const loadBalancerResource = (lb: LoadBalancerV2): ResourceRef => ({
  type: 'AwsElbv2LoadBalancer',
  id: lb.arn,
  name: lb.name,
  details: { AwsElbv2LoadBalancer: { Type: lb.type } },
});

export default defineRule({
  id: 'elb-application-load-balancer-access-logging-enabled',
  title: 'Application Load Balancers should have access logging enabled',
  securityHubControlId: null,
  severity: 'MEDIUM',
  cis: { '7.0.0': '4.10' },
  scope: 'region',
  resourceType: 'AwsElbv2LoadBalancer',
  requiredActions: ['elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeLoadBalancerAttributes'],
  reasonCodes: ACCESS_LOGGING_REASON_CODES,
  remediation: withSteps('elb-application-load-balancer-access-logging-enabled', ruleDocRemediation(
    'elb',
    'elb-application-load-balancer-access-logging-enabled',
    'Turn on access logs to an S3 bucket: aws elbv2 modify-load-balancer-attributes --load-balancer-arn <arn> --attributes Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=<bucket>.',
  ), {
    change: 'Turn on access logs for the load balancer, in its Region, to an S3 bucket in the same Region whose policy lets Elastic Load Balancing write to it.',
    cli: [
      "aws elbv2 modify-load-balancer-attributes --region {{region}} --load-balancer-arn {{resourceArn}} --attributes Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value={{logBucket}}",
    ],
    cloudformation: `# On the existing AWS::ElasticLoadBalancingV2::LoadBalancer; the other properties stay as they are.
LoadBalancer:
  Type: AWS::ElasticLoadBalancingV2::LoadBalancer
  Properties:
    Type: application
    Subnets:
      - subnet-0123456789abcdef0
      - subnet-0fedcba9876543210
    LoadBalancerAttributes:
      - Key: access_logs.s3.enabled
        Value: "true"
      - Key: access_logs.s3.bucket
        Value: "{{logBucket}}"
`,
    terraform: `# On the existing aws_lb; the other arguments stay as they are.
resource "aws_lb" "this" {
  load_balancer_type = "application"
  subnets            = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]

  access_logs {
    bucket  = "{{logBucket}}"
    enabled = true
  }
}
`,
    inputs: {
      logBucket: { default: 'elb-access-logs-{{account}}', means: 'the S3 bucket, in the load balancer\'s Region, that receives the access logs' },
    },
  }),
  async evaluate({ data }) {
    // Network and Gateway Load Balancers are not web front ends (4.10 names Application and Classic ones).
    const applications = (await data.elbv2.loadBalancers()).filter((lb) => lb.type === 'application');
    return judgeAccessLoggingOf(applications, {
      resource: loadBalancerResource,
      label: (lb) => `Application Load Balancer ${lb.name}`,
      read: async (lb) => {
        const attributes = await data.elbv2.attributes(lb.arn);
        if (attributes === null) return null;
        const on = attributes['access_logs.s3.enabled'] === 'true';
        return { destination: on ? attributes['access_logs.s3.bucket'] || 'an S3 bucket' : null };
      },
    });
  },
});
