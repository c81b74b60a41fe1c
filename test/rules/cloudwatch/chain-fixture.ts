/**
 * Fixtures for the metric-filter-and-alarm rules (CloudWatch.1 to .14 and the
 * Organizations alarm): a trail with a log group, metric filters, alarms and
 * SNS subscriptions. Each read answers only in the Region it belongs to (the
 * log group's for filters and alarms, the topic's for subscriptions), so a
 * rule that reads in the wrong Region fails the test.
 */
import type { Trail } from '@aws-sdk/client-cloudtrail';
import type { MetricAlarm } from '../../../src/data/cloudwatch.js';
import type { MetricFilter } from '../../../src/data/logs.js';
import type { TopicSubscription } from '../../../src/data/sns.js';
import { DataUnavailable } from '../../../src/data/errors.js';
import type { Fixture } from '../../helpers/fixture-source.js';
import { ACCOUNT, cloudtrailFixture, trail, type TrailState } from '../trail-fixtures.js';

export const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:security-alerts`;

export function filter(pattern: string, metricName = 'CisMetric', overrides: Partial<MetricFilter> = {}): MetricFilter {
  return {
    filterName: `${metricName}-filter`,
    filterPattern: pattern,
    logGroupName: 'trail-logs',
    metricTransformations: [{ metricName, metricNamespace: 'CISBenchmark', metricValue: '1', defaultValue: 0 }],
    ...overrides,
  };
}

export function alarm(metricName = 'CisMetric', overrides: Partial<MetricAlarm> = {}): MetricAlarm {
  return {
    alarmName: `${metricName}-alarm`,
    alarmArn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${metricName}-alarm`,
    metricName,
    namespace: 'CISBenchmark',
    actionsEnabled: true,
    alarmActions: [TOPIC],
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    threshold: 1,
    statistic: 'Sum',
    period: 300,
    evaluationPeriods: 1,
    ...overrides,
  };
}

export const CONFIRMED: TopicSubscription[] = [{ subscriptionArn: `${TOPIC}:0b6941c4`, protocol: 'email', owner: ACCOUNT }];

type Answer<T> = T | DataUnavailable;

export interface ChainOptions {
  trails?: Trail[];
  state?: Record<string, TrailState>;
  /** Metric filters by `<region>/<log group>`; a missing key is a log group that does not exist. */
  filters?: Record<string, Answer<MetricFilter[] | null>>;
  /** Alarms by Region (none where absent). */
  alarms?: Record<string, Answer<MetricAlarm[]>>;
  /** Subscriptions by topic ARN (a missing key is a topic that does not exist). */
  subscriptions?: Record<string, Answer<TopicSubscription[] | null>>;
}

/** The fixture without the answers a case never reaches (the tester fails a case whose fixture holds an unread key). */
export function without(fixture: Fixture, ...keys: string[]): Fixture {
  return Object.fromEntries(Object.entries(fixture).filter(([key]) => !keys.includes(key)));
}

/** A chain; by default the compliant one for `pattern`, homed in us-east-1. */
export function chainFixture(pattern: string, options: ChainOptions = {}): Fixture {
  const trails = options.trails ?? [trail('main', { logGroup: 'trail-logs' })];
  const filters = options.filters ?? { 'us-east-1/trail-logs': [filter(pattern)] };
  const alarms = options.alarms ?? { 'us-east-1': [alarm()] };
  const subscriptions = options.subscriptions ?? { [TOPIC]: CONFIRMED };
  return {
    ...cloudtrailFixture(trails, options.state),
    'logs.metricFilters': ([name]: unknown[], region: string) => filters[`${region}/${String(name)}`] ?? null,
    'cloudwatch.alarms': (_args: unknown[], region: string) => alarms[region] ?? [],
    'sns.subscriptions': ([arn]: unknown[], region: string) => {
      if (String(arn).split(':')[3] !== region) throw new Error(`topic ${String(arn)} read in ${region}`);
      return subscriptions[String(arn)] ?? null;
    },
  };
}
