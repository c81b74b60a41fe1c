/**
 * CloudWatch reads: every metric alarm of a Region in one paginated
 * DescribeAlarms (one listing serves all fifteen metric-filter rules, where
 * DescribeAlarmsForMetric would cost a call per metric).
 */
import { collect, defineAccessor } from './accessor.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const cloudwatchSdk = () => import('@aws-sdk/client-cloudwatch');

export interface MetricAlarm {
  alarmName: string;
  alarmArn: string;
  /** The alarm's metric; null for metric-math alarms (`Metrics`), which name no single metric. */
  metricName: string | null;
  namespace: string | null;
  actionsEnabled: boolean;
  alarmActions: string[];
  comparisonOperator: string | null;
  threshold: number | null;
  statistic: string | null;
  period: number | null;
  evaluationPeriods: number | null;
}

export const cloudwatch = {
  alarms: defineAccessor({
    actions: ['cloudwatch:DescribeAlarms'],
    async fetch(ctx): Promise<MetricAlarm[]> {
      const { CloudWatchClient, paginateDescribeAlarms } = await cloudwatchSdk();
      const alarms = await collect(
        paginateDescribeAlarms({ client: ctx.client(CloudWatchClient) }, { AlarmTypes: ['MetricAlarm'] }),
        'MetricAlarms', 'cloudwatch:DescribeAlarms',
      );
      return alarms
        .map((a) => ({
          alarmName: a.AlarmName ?? '',
          alarmArn: a.AlarmArn ?? '',
          metricName: a.MetricName ?? null,
          namespace: a.Namespace ?? null,
          actionsEnabled: a.ActionsEnabled !== false,
          alarmActions: a.AlarmActions ?? [],
          comparisonOperator: a.ComparisonOperator ?? null,
          threshold: a.Threshold ?? null,
          statistic: a.Statistic ?? a.ExtendedStatistic ?? null,
          period: a.Period ?? null,
          evaluationPeriods: a.EvaluationPeriods ?? null,
        }))
        .sort((a, b) => a.alarmName.localeCompare(b.alarmName));
    },
  }),
};
