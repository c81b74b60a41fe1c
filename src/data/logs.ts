/** CloudWatch Logs reads: the metric filters of one log group, in the log group's Region. */
import { collect, defineAccessor, errorName } from './accessor.js';
import { MalformedResponse } from './shape.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const cloudwatchLogsSdk = () => import('@aws-sdk/client-cloudwatch-logs');

export interface MetricFilterTransformation {
  metricName: string;
  metricNamespace: string;
  metricValue: string;
  defaultValue: number | null;
}

export interface MetricFilter {
  filterName: string;
  filterPattern: string;
  logGroupName: string;
  metricTransformations: MetricFilterTransformation[];
}

/** The pattern is what the rules judge: a filter without one is a broken answer, not a match-all filter. */
function pattern(value: string | undefined): string {
  if (typeof value !== 'string') throw new MalformedResponse('logs:DescribeMetricFilters', 'a metric filter has no filterPattern');
  return value;
}

export const logs = {
  /**
   * Every metric filter of a log group (DescribeMetricFilters, paginated);
   * null when the log group does not exist (ResourceNotFoundException).
   */
  metricFilters: defineAccessor({
    actions: ['logs:DescribeMetricFilters'],
    async fetch(ctx, logGroupName: string): Promise<MetricFilter[] | null> {
      const { CloudWatchLogsClient, paginateDescribeMetricFilters } = await cloudwatchLogsSdk();
      try {
        const filters = await collect(
          paginateDescribeMetricFilters({ client: ctx.client(CloudWatchLogsClient) }, { logGroupName }),
          'metricFilters', 'logs:DescribeMetricFilters',
        );
        return filters.map((f) => ({
          filterName: f.filterName ?? '',
          filterPattern: pattern(f.filterPattern),
          logGroupName: f.logGroupName ?? logGroupName,
          metricTransformations: (f.metricTransformations ?? []).map((t) => ({
            metricName: t.metricName ?? '',
            metricNamespace: t.metricNamespace ?? '',
            metricValue: t.metricValue ?? '',
            defaultValue: t.defaultValue ?? null,
          })),
        }));
      } catch (error) {
        if (errorName(error) === 'ResourceNotFoundException') return null;
        throw error;
      }
    },
  }),
};
