/**
 * Fixtures for the metric-filter-and-alarm rules (CloudWatch.1 to .14 and the
 * Organizations alarm): a trail with a log group, metric filters, alarms and
 * SNS subscriptions. Each read answers only in the Region it belongs to (the
 * log group's for filters and alarms, the topic's for subscriptions), so a
 * rule that reads in the wrong Region fails the test.
 */
import { describe, expect, it } from 'vitest';
import type { Trail } from '@aws-sdk/client-cloudtrail';
import type { MetricAlarm } from '../../../src/data/cloudwatch.js';
import type { MetricFilter } from '../../../src/data/logs.js';
import type { TopicSubscription } from '../../../src/data/sns.js';
import { DataUnavailable } from '../../../src/data/errors.js';
import type { Rule } from '../../../src/engine/rule.js';
import { denied, type Fixture } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
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

export interface RuleCases {
  /** The CIS pattern written another way: must pass, exactly. */
  equivalent: string;
  /** A filter that misses some CIS events: must fail. */
  nearMiss: string;
  /** Compliance.RelatedRequirements when scanning benchmarks 1.2.0 and 1.4.0. */
  requirements: string[];
}

/** The behaviour every metric-filter rule must show with its own pattern. */
export function metricFilterRuleSuite(rule: Rule, cases: RuleCases): void {
  const run = ruleHarness(rule);
  const pattern = rule.params.filterPattern as string;

  describe(`${rule.id} (${rule.securityHubControlId ?? 'CIS only'})`, () => {
    it('passes the full chain with the CIS pattern, reported once, in the trail home Region', async () => {
      const { results, findings } = await run(chainFixture(pattern), { regions: ['us-east-1', 'eu-west-1'], benchmarks: ['1.2.0', '1.4.0'] });
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({
        status: 'PASSED',
        resource: { type: 'AwsAccount', region: 'us-east-1' },
        evidence: { exactMatch: true, securityHubTextMatch: true, alarmName: 'CisMetric-alarm', topicArn: TOPIC, confirmedSubscriptions: 1 },
      });
      expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(cases.requirements);
    });

    it('passes an equivalent spelling of the pattern as an exact match', async () => {
      expect(cases.equivalent).not.toBe(pattern);
      const { results } = await run(chainFixture(pattern, { filters: { 'us-east-1/trail-logs': [filter(cases.equivalent)] } }));
      expect(results[0]).toMatchObject({ status: 'PASSED', evidence: { exactMatch: true } });
    });

    it('fails a filter that misses some of the CIS events', async () => {
      const { results } = await run(chainFixture(pattern, { filters: { 'us-east-1/trail-logs': [filter(cases.nearMiss)] } }));
      expect(results[0]).toMatchObject({ status: 'FAILED', reasonCode: 'CLOUDTRAIL_METRIC_FILTER_NOT_VALID' });
    });

    it('is NOT_AVAILABLE when the trails cannot be listed', async () => {
      const { results } = await run({ 'cloudtrail.trails': denied('cloudtrail:DescribeTrails') });
      expect(results).toEqual([expect.objectContaining({ status: 'NOT_AVAILABLE', reason: 'Missing permission cloudtrail:DescribeTrails (AccessDenied)' })]);
    });
  });
}
