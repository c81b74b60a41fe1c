import type { DistributionSummary } from '../../src/data/cloudfront.js';
import { defineRule, type ResourceRef } from '../../src/engine/rule.js';
import { ACCESS_LOGGING_REASON_CODES, judgeAccessLoggingOf } from '../lib/access-logging.js';
import { ruleDocRemediation, withSteps } from '../lib/remediation.js';

const distributionResource = (d: DistributionSummary): ResourceRef => ({
  type: 'AwsCloudFrontDistribution',
  id: d.arn,
  name: d.id,
  ...(d.domainName ? { details: { AwsCloudFrontDistribution: { DomainName: d.domainName } } } : {}),
});

export default defineRule({
  id: 'cloudfront-distribution-access-logging-enabled',
  title: 'CloudFront distributions should have access logging enabled',
  securityHubControlId: null,
  severity: 'MEDIUM',
  cis: { '7.0.0': '4.10' },
  scope: 'account',
  resourceType: 'AwsCloudFrontDistribution',
  requiredActions: ['cloudfront:ListDistributions', 'cloudfront:GetDistributionConfig', 'logs:DescribeDeliverySources', 'logs:DescribeDeliveries'],
  reasonCodes: ACCESS_LOGGING_REASON_CODES,
  remediation: withSteps('cloudfront-distribution-access-logging-enabled', ruleDocRemediation(
    'cloudfront',
    'cloudfront-distribution-access-logging-enabled',
    'Turn on standard logging for the distribution to an S3 bucket (DistributionConfig.Logging: Enabled true, Bucket <bucket>.s3.amazonaws.com), with aws cloudfront update-distribution or in the console.',
  ), {
    change: 'Turn on standard logging (v2) for the distribution: a CloudWatch Logs delivery from the distribution to an S3 bucket, set up in us-east-1 whatever Region the bucket is in. The bucket\'s policy must let the log delivery service write to it.',
    cli: [
      "aws logs put-delivery-source --region us-east-1 --name cloudfront-{{resource}} --resource-arn {{resourceArn}} --log-type ACCESS_LOGS",
      "aws logs put-delivery-destination --region us-east-1 --name cloudfront-{{resource}}-s3 --delivery-destination-configuration destinationResourceArn=arn:{{partition}}:s3:::{{logBucket}}",
      "aws logs create-delivery --region us-east-1 --delivery-source-name cloudfront-{{resource}} --delivery-destination-arn arn:{{partition}}:logs:us-east-1:{{account}}:delivery-destination:cloudfront-{{resource}}-s3",
    ],
    cloudformation: `# In a stack in us-east-1.
AccessLogSource:
  Type: AWS::Logs::DeliverySource
  Properties:
    Name: "cloudfront-{{resource}}"
    ResourceArn: "{{resourceArn}}"
    LogType: ACCESS_LOGS
AccessLogBucket:
  Type: AWS::Logs::DeliveryDestination
  Properties:
    Name: "cloudfront-{{resource}}-s3"
    DestinationResourceArn: "arn:{{partition}}:s3:::{{logBucket}}"
AccessLogDelivery:
  Type: AWS::Logs::Delivery
  Properties:
    DeliverySourceName: !Ref AccessLogSource
    DeliveryDestinationArn: !GetAtt AccessLogBucket.Arn
`,
    terraform: `# With a provider for us-east-1.
resource "aws_cloudwatch_log_delivery_source" "access_logs" {
  name         = "cloudfront-{{resource}}"
  log_type     = "ACCESS_LOGS"
  resource_arn = "{{resourceArn}}"
}

resource "aws_cloudwatch_log_delivery_destination" "bucket" {
  name = "cloudfront-{{resource}}-s3"

  delivery_destination_configuration {
    destination_resource_arn = "arn:{{partition}}:s3:::{{logBucket}}"
  }
}

resource "aws_cloudwatch_log_delivery" "access_logs" {
  delivery_source_name     = aws_cloudwatch_log_delivery_source.access_logs.name
  delivery_destination_arn = aws_cloudwatch_log_delivery_destination.bucket.arn
}
`,
    inputs: {
      logBucket: { default: 'cloudfront-logs-{{account}}', means: 'the S3 bucket that receives the access logs' },
    },
  }),
  async evaluate(ctx) {
    const { data } = ctx;
    return judgeAccessLoggingOf(await data.cloudfront.distributions(), {
      resource: distributionResource,
      label: (d) => `CloudFront distribution ${d.id}`,
      read: async (d) => {
        const logging = await data.cloudfront.distributionLogging(d.id);
        if (logging === null) return null;
        if (logging.enabled) return { destination: logging.bucket ?? 'an S3 bucket' };
        // Standard logging v2 goes through CloudWatch Logs delivery, set up in us-east-1.
        const delivered = await ctx.dataIn('us-east-1').cloudfront.accessLogDeliveries();
        return { destination: delivered.includes(d.arn) ? 'a CloudWatch Logs delivery (standard logging v2)' : null };
      },
    });
  },
});
