import type { DistributionSummary } from '../../src/data/cloudfront.js';
import { defineRule, type ResourceRef } from '../../src/engine/rule.js';
import { ACCESS_LOGGING_REASON_CODES, judgeAccessLoggingOf } from '../lib/access-logging.js';
import { ruleDocRemediation } from '../lib/remediation.js';

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
  remediation: ruleDocRemediation(
    'cloudfront',
    'cloudfront-distribution-access-logging-enabled',
    'Turn on standard logging for the distribution to an S3 bucket (DistributionConfig.Logging: Enabled true, Bucket <bucket>.s3.amazonaws.com), with aws cloudfront update-distribution or in the console.',
  ),
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
