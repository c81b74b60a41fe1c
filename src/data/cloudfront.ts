/** CloudFront reads (a global service: read once per account, with the home Region's client). */
import { collect, defineAccessor, errorName } from './accessor.js';
import { MalformedResponse, required, requiredBoolean, requiredString } from './shape.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const cloudfrontSdk = () => import('@aws-sdk/client-cloudfront');
const cloudwatchLogsSdk = () => import('@aws-sdk/client-cloudwatch-logs');

export interface DistributionSummary {
  id: string;
  arn: string;
  domainName: string;
}

export interface DistributionLogging {
  /** Standard (legacy) logging to S3 (DistributionConfig.Logging). */
  enabled: boolean;
  /** The S3 bucket logs go to; null when logging is off. */
  bucket: string | null;
}

export const cloudfront = {

  /** The account's distributions (ListDistributions, paginated), sorted by id. */
  distributions: defineAccessor({
    global: true,
    actions: ['cloudfront:ListDistributions'],
    async fetch(ctx): Promise<DistributionSummary[]> {
      const { CloudFrontClient, paginateListDistributions } = await cloudfrontSdk();
      const all: DistributionSummary[] = [];
      const action = 'cloudfront:ListDistributions';
      for await (const page of paginateListDistributions({ client: ctx.client(CloudFrontClient) }, {})) {
        const list = required(page.DistributionList, 'DistributionList', action);
        // CloudFront leaves Items out when Quantity is 0; Items missing with a positive Quantity is a broken answer.
        if (list.Items === undefined && list.Quantity !== 0) throw new MalformedResponse(action, 'the answer has no Items list');
        for (const d of list.Items ?? []) {
          all.push({ id: requiredString(d.Id, 'Id', action), arn: requiredString(d.ARN, 'ARN', action), domainName: d.DomainName ?? '' });
        }
      }
      return all.sort((a, b) => a.id.localeCompare(b.id));
    },
  }),

  /** A distribution's standard logging settings (GetDistributionConfig); null when the distribution is gone. */
  distributionLogging: defineAccessor({
    global: true,
    actions: ['cloudfront:GetDistributionConfig'],
    async fetch(ctx, id: string): Promise<DistributionLogging | null> {
      const { CloudFrontClient, GetDistributionConfigCommand } = await cloudfrontSdk();
      const action = 'cloudfront:GetDistributionConfig';
      try {
        const out = await ctx.client(CloudFrontClient).send(new GetDistributionConfigCommand({ Id: id }));
        const logging = required(out.DistributionConfig, 'DistributionConfig', action).Logging;
        // A distribution created without a Logging block has logging off.
        if (logging === undefined) return { enabled: false, bucket: null };
        const enabled = requiredBoolean(logging.Enabled, 'Logging.Enabled', action);
        return { enabled, bucket: enabled && logging.Bucket ? logging.Bucket : null };
      } catch (error) {
        if (errorName(error) === 'NoSuchDistribution') return null;
        throw error;
      }
    },
  }),

  /**
   * The resources whose access logs go through CloudWatch Logs delivery (CloudFront's
   * standard logging v2): each `ACCESS_LOGS` delivery source that at least one
   * delivery uses, by resource ARN. CloudFront's delivery sources live in us-east-1:
   * read this with `dataIn('us-east-1')`.
   */
  accessLogDeliveries: defineAccessor({
    actions: ['logs:DescribeDeliverySources', 'logs:DescribeDeliveries'],
    async fetch(ctx): Promise<string[]> {
      const { CloudWatchLogsClient, paginateDescribeDeliveries, paginateDescribeDeliverySources } = await cloudwatchLogsSdk();
      const client = ctx.client(CloudWatchLogsClient);
      const sources = await collect(paginateDescribeDeliverySources({ client }, {}), 'deliverySources', 'logs:DescribeDeliverySources');
      const deliveries = await collect(paginateDescribeDeliveries({ client }, {}), 'deliveries', 'logs:DescribeDeliveries');
      const used = new Set(deliveries.map((d) => d.deliverySourceName));
      return sources
        .filter((s) => s.logType === 'ACCESS_LOGS' && used.has(s.name))
        .flatMap((s) => s.resourceArns ?? [])
        .sort();
    },
  }),
};

