/**
 * Development tooling, not used by the CLI: seeds the CloudWatch side of a CIS
 * monitoring control (a metric filter on the trail's log group, and an alarm on
 * its metric) the way the demo, the e2e seeds and the benchmark all need it.
 */
import { PutMetricFilterCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { PutMetricAlarmCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { builtInRules } from '../../rules/index.js';

/** The CIS filter pattern a CloudWatch.x rule checks for (its `params.filterPattern`). */
export function cisFilterPattern(ruleId: string): string {
  const pattern = builtInRules.find((r) => r.id === ruleId)?.params.filterPattern;
  if (typeof pattern !== 'string') throw new Error(`${ruleId} has no filter pattern`);
  return pattern;
}

/** The metric name the seeds give a rule's filter: `cloudwatch-root-usage-alarm` -> `root-usage`. */
export const metricNameOf = (ruleId: string): string => ruleId.replace(/^cloudwatch-|-alarm$/g, '');

export interface MetricAlarmSeed {
  logGroupName: string;
  filterName: string;
  filterPattern: string;
  metricName: string;
  namespace: string;
  alarmName: string;
  /** The alarm's actions (SNS topic ARNs); null: the filter only, no alarm. */
  alarmActions: string[] | null;
}

/** Puts the metric filter, then (unless `alarmActions` is null) an alarm that fires on one matching event. */
export async function putMetricAlarm(logs: CloudWatchLogsClient, cloudwatch: CloudWatchClient, seed: MetricAlarmSeed): Promise<void> {
  await logs.send(
    new PutMetricFilterCommand({
      logGroupName: seed.logGroupName,
      filterName: seed.filterName,
      filterPattern: seed.filterPattern,
      metricTransformations: [{ metricName: seed.metricName, metricNamespace: seed.namespace, metricValue: '1', defaultValue: 0 }],
    }),
  );
  if (seed.alarmActions === null) return;
  await cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: seed.alarmName,
      MetricName: seed.metricName,
      Namespace: seed.namespace,
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: seed.alarmActions,
    }),
  );
}
