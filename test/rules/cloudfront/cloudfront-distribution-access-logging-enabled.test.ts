import { expect } from 'vitest';
import rule from '../../../rules/cloudfront/cloudfront-distribution-access-logging-enabled.js';
import type { DistributionLogging } from '../../../src/data/cloudfront.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';

const arn = (id: string) => `arn:aws:cloudfront::${TEST_ACCOUNT}:distribution/${id}`;
/** `delivered`: the resource ARNs with a CloudWatch Logs delivery (in us-east-1); leave it out when the rule must not read them. */
const distributions = (byId: Record<string, DistributionLogging | null | ReturnType<typeof denied>>, delivered?: string[] | ReturnType<typeof denied>) => ({
  'cloudfront.distributions': Object.keys(byId).map((id) => ({ id, arn: arn(id), domainName: `${id.toLowerCase()}.cloudfront.net` })),
  'cloudfront.distributionLogging': ([id]: unknown[]) => byId[String(id)],
  ...(delivered === undefined ? {} : { 'cloudfront.accessLogDeliveries': (_: unknown, region: string) => (region === 'us-east-1' ? delivered : []) }),
});

testRule(rule, {
  passed: [
    {
      name: 'logging to a bucket; a distribution gone since it was listed has no finding',
      fixture: distributions({ E1: { enabled: true, bucket: 'logs.s3.amazonaws.com' }, GONE: null }),
      results: { resource: arn('E1'), reasonCode: 'ACCESS_LOGGING_ENABLED', reason: 'writes access logs to logs.s3.amazonaws.com', evidence: { accessLogDestination: 'logs.s3.amazonaws.com' } },
      check: ({ findings, source }) => {
        expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsCloudFrontDistribution', Details: { AwsCloudFrontDistribution: { DomainName: 'e1.cloudfront.net' } } });
        // Global: read once, however many Regions are scanned.
        expect(source.reads.filter((r) => r.id === 'cloudfront.distributions')).toHaveLength(1);
      },
      options: { regions: ['us-east-1', 'eu-west-1'] },
    },
    {
      name: 'standard logging v2: legacy logging off, a CloudWatch Logs delivery (read in us-east-1) for the distribution',
      fixture: distributions({ E6: { enabled: false, bucket: null } }, [arn('E6')]),
      options: { regions: ['eu-west-1'], homeRegion: 'eu-west-1' },
      results: { resource: arn('E6'), reasonCode: 'ACCESS_LOGGING_ENABLED', reason: 'standard logging v2' },
      check: ({ source }) => expect(source.reads.filter((r) => r.id === 'cloudfront.accessLogDeliveries').map((r) => r.region)).toEqual(['us-east-1']),
    },
  ],
  failed: [
    {
      name: 'logging off, and no delivery for it (another distribution has one)',
      fixture: distributions({ E2: { enabled: false, bucket: null }, E3: { enabled: true, bucket: 'b.s3.amazonaws.com' } }, [arn('OTHER')]),
      options: { benchmarks: ['7.0.0'] },
      results: [
        { resource: arn('E2'), reasonCode: 'ACCESS_LOGGING_DISABLED', reason: 'CloudFront distribution E2 has access logging off' },
        { status: 'PASSED', resource: arn('E3'), reasonCode: 'ACCESS_LOGGING_ENABLED' },
      ],
      check: ({ findings }) => {
        const failed = findings.find((f) => f.Compliance?.Status === 'FAILED');
        expect(failed?.Severity?.Label).toBe('MEDIUM');
        expect(failed?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v7.0.0/4.10']);
      },
    },
  ],
  notAvailable: [
    {
      name: 'the distributions cannot be listed',
      fixture: { 'cloudfront.distributions': denied('cloudfront:ListDistributions') },
      results: { resource: `AWS::::Account:${TEST_ACCOUNT}`, reasonCode: 'ACCESS_DENIED', action: 'cloudfront:ListDistributions' },
    },
    {
      name: 'legacy logging off and the log deliveries cannot be read',
      fixture: distributions({ E7: { enabled: false, bucket: null } }, denied('logs:DescribeDeliverySources')),
      results: { resource: arn('E7'), reasonCode: 'ACCESS_DENIED', action: 'logs:DescribeDeliverySources' },
    },
    {
      name: "one distribution's configuration denied; the other is judged",
      fixture: distributions({ E4: denied('cloudfront:GetDistributionConfig'), E5: { enabled: false, bucket: null } }, []),
      results: [
        { resource: arn('E4'), reasonCode: 'ACCESS_DENIED', action: 'cloudfront:GetDistributionConfig' },
        { status: 'FAILED', resource: arn('E5'), reasonCode: 'ACCESS_LOGGING_DISABLED' },
      ],
    },
  ],
});
