/**
 * The one test table of the metric-filter family (CloudWatch.1 to .14 and the
 * Organizations alarm, rules/lib/metric-filter-alarm.ts): every branch of the
 * trail -> filter -> alarm -> topic -> subscription chain, run with each rule's
 * own CIS pattern. Each rule's test file calls
 * `testRule(rule, metricFilterCases(rule, { equivalent, nearMiss, requirements }))`.
 */
import { expect } from 'vitest';
import type { Rule } from '../../../src/engine/rule.js';
import { denied } from '../../helpers/fixture-source.js';
import type { RuleCase, RuleCases } from '../../helpers/rule-tester.js';
import { ACCOUNT, OTHER_ACCOUNT, trail } from '../trail-fixtures.js';
import { CONFIRMED, TOPIC, alarm, chainFixture, filter, without } from './chain-fixture.js';

export interface MetricFilterRuleCases {
  /** The CIS pattern written another way: must pass, exactly. */
  equivalent: string;
  /** A filter that misses some CIS events: must fail. */
  nearMiss: string;
  /** Compliance.RelatedRequirements when scanning benchmarks 1.2.0 and 1.4.0. */
  requirements: string[];
}

const RESOURCE = `AWS::::Account:${ACCOUNT}`;
const TWO = { regions: ['us-east-1', 'eu-west-1'] };
const ALARM_KEYS = ['cloudwatch.alarms', 'sns.subscriptions'];
const CHAIN_KEYS = ['logs.metricFilters', ...ALARM_KEYS];
const TRAIL_STATE_KEYS = ['cloudtrail.trailStatus', 'cloudtrail.eventSelectors'];

/** The CIS pattern with one more `||` term: it matches every CIS event and more. */
export function broaderThan(pattern: string): string {
  const inner = pattern.trim().replace(/^\{/, '').replace(/\}$/, '');
  return `{ (${inner}) || ($.eventName = "HubcheckExtraTerm") }`;
}

const at = (region: string, reasonCode: string, more: Partial<RuleCase['results']> = {}) => ({ resource: RESOURCE, region, reasonCode, ...more });

export function metricFilterCases(rule: Rule, cases: MetricFilterRuleCases): RuleCases {
  const CIS = rule.params.filterPattern as string;
  const BROADER = broaderThan(CIS);
  const chain = (options: Parameters<typeof chainFixture>[1] = {}) => chainFixture(CIS, options);
  const euTopic = `arn:aws:sns:eu-west-1:${ACCOUNT}:alerts`;
  const farTopic = `arn:aws:sns:ap-south-1:${ACCOUNT}:far`;
  const twoTrails = [trail('a-broken', { logGroup: 'broken-logs' }), trail('b-main', { logGroup: 'trail-logs' })];
  const org = trail('org', { account: OTHER_ACCOUNT, logGroup: 'org-logs' });

  return {
    passed: [
      {
        name: 'the full chain with the CIS pattern, judged once and reported in the trail home Region',
        fixture: chain(),
        options: { ...TWO, benchmarks: ['1.2.0', '1.4.0'] },
        results: at('us-east-1', 'METRIC_FILTER_ALARM_CHAIN_COMPLETE', {
          reason: `Metric filter CisMetric-filter feeds alarm CisMetric-alarm, which notifies SNS topic ${TOPIC} with 1 confirmed subscription(s).`,
        }),
        check: ({ results, findings, scan, source }) => {
          expect(results[0]?.evidence).toEqual({
            trailArn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`,
            logGroupName: 'trail-logs',
            filterName: 'CisMetric-filter',
            filterPattern: CIS,
            exactMatch: true,
            securityHubTextMatch: true,
            metricName: 'CisMetric',
            metricNamespace: 'CISBenchmark',
            metricValue: '1',
            defaultValue: 0,
            alarmName: 'CisMetric-alarm',
            comparisonOperator: 'GreaterThanOrEqualToThreshold',
            threshold: 1,
            actionsEnabled: true,
            topicArn: TOPIC,
            subscriptions: 1,
            confirmedSubscriptions: 1,
          });
          expect(results[0]?.incomplete).toBeUndefined();
          expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(cases.requirements);
          expect(findings[0]?.Compliance?.StatusReasons?.[0]?.ReasonCode).toBe('METRIC_FILTER_ALARM_CHAIN_COMPLETE');
          // Judged once per account: one evaluation, and each read of the chain made once.
          expect(scan.evaluations).toHaveLength(1);
          for (const id of ['cloudtrail.trails', 'cloudtrail.trailStatus', 'cloudtrail.eventSelectors', ...CHAIN_KEYS]) {
            expect(source.reads.filter((r) => r.id === id), id).toHaveLength(1);
          }
        },
      },
      {
        name: 'an equivalent spelling of the CIS pattern is an exact match',
        fixture: chain({ filters: { 'us-east-1/trail-logs': [filter(cases.equivalent)] } }),
        results: at('us-east-1', 'METRIC_FILTER_ALARM_CHAIN_COMPLETE'),
        check: ({ results }) => {
          expect(cases.equivalent).not.toBe(CIS);
          expect(results[0]?.evidence).toMatchObject({ exactMatch: true });
        },
      },
      {
        name: 'a trail homed in eu-west-1: the log group, alarms and topic are read there, and the finding goes there',
        fixture: chain({
          trails: [trail('eu-main', { home: 'eu-west-1', logGroup: 'eu-logs' })],
          filters: { 'eu-west-1/eu-logs': [filter(CIS)] },
          alarms: { 'eu-west-1': [alarm('CisMetric', { alarmActions: [euTopic] })] },
          subscriptions: { [euTopic]: CONFIRMED },
        }),
        options: TWO,
        results: at('eu-west-1', 'METRIC_FILTER_ALARM_CHAIN_COMPLETE'),
        check: ({ source, findings, scan }) => {
          const regionsOf = (id: string) => [...new Set(source.reads.filter((r) => r.id === id).map((r) => r.region))];
          expect(regionsOf('logs.metricFilters')).toEqual(['eu-west-1']);
          expect(regionsOf('cloudwatch.alarms')).toEqual(['eu-west-1']);
          expect(regionsOf('sns.subscriptions')).toEqual(['eu-west-1']);
          expect(regionsOf('cloudtrail.trails')).toEqual(['us-east-1']);
          expect(source.reads.filter((r) => r.id === 'cloudwatch.alarms')).toHaveLength(1);
          // An account-scoped rule runs in the home Region and routes its finding to eu-west-1.
          expect(scan.evaluations.map((e) => e.region)).toEqual(['us-east-1']);
          expect(findings[0]?.Id).toMatch(new RegExp(`^hubcheck/${rule.id}/${ACCOUNT}/eu-west-1/`));
          expect(findings[0]?.ProductArn).toBe(`arn:aws:securityhub:eu-west-1:${ACCOUNT}:product/${ACCOUNT}/default`);
        },
      },
      {
        name: 'a trail homed outside the scanned Regions is reported in the scan home Region',
        fixture: chain({
          trails: [trail('far', { home: 'ap-south-1', logGroup: 'far-logs' })],
          filters: { 'ap-south-1/far-logs': [filter(CIS)] },
          alarms: { 'ap-south-1': [alarm('CisMetric', { alarmActions: [farTopic] })] },
          subscriptions: { [farTopic]: CONFIRMED },
        }),
        options: TWO,
        results: at('us-east-1', 'METRIC_FILTER_ALARM_CHAIN_COMPLETE'),
      },
      {
        name: 'any filter, alarm and topic that complete the chain win over the others',
        fixture: chain({
          filters: { 'us-east-1/trail-logs': [filter(cases.nearMiss, 'Narrow'), filter(BROADER, 'Broad'), filter(CIS)] },
          alarms: { 'us-east-1': [alarm('Broad', { alarmActions: [] }), alarm('CisMetric', { alarmActions: [`arn:aws:sns:us-east-1:${ACCOUNT}:second`, TOPIC] })] },
          subscriptions: { [`arn:aws:sns:us-east-1:${ACCOUNT}:second`]: [], [TOPIC]: CONFIRMED },
        }),
        results: at('us-east-1', 'METRIC_FILTER_ALARM_CHAIN_COMPLETE', { evidence: { filterName: 'CisMetric-filter', exactMatch: true, topicArn: TOPIC } }),
      },
      {
        name: 'one trail completes the chain while another breaks it',
        fixture: chain({ trails: twoTrails, filters: { 'us-east-1/trail-logs': [filter(CIS)] } }),
        results: at('us-east-1', 'METRIC_FILTER_ALARM_CHAIN_COMPLETE', { evidence: { logGroupName: 'trail-logs' } }),
      },
      {
        name: "the account's own trail is judged beside an organization trail of another account",
        fixture: chain({ trails: [org, trail('main', { logGroup: 'trail-logs' })] }),
        results: at('us-east-1', 'METRIC_FILTER_ALARM_CHAIN_COMPLETE'),
      },
    ],
    failed: [
      {
        name: 'no trail: once, in the home Region',
        fixture: without(chain({ trails: [] }), ...TRAIL_STATE_KEYS, ...CHAIN_KEYS),
        options: TWO,
        results: at('us-east-1', 'CLOUDTRAIL_MULTI_REGION_NOT_PRESENT', {
          reason: 'No multi-Region trail that is logging all read and write management events delivers to CloudWatch Logs (no trails).',
        }),
      },
      {
        name: 'no trail qualifies, each saying why (not logging, not multi-Region, no log group)',
        fixture: without(
          chain({ trails: [trail('no-logs'), trail('stopped', { logGroup: 'trail-logs' }), trail('local', { multiRegion: false, logGroup: 'trail-logs' })], state: { stopped: { logging: false } } }),
          ...CHAIN_KEYS,
        ),
        results: at('us-east-1', 'CLOUDTRAIL_MULTI_REGION_NOT_PRESENT'),
        check: ({ results }) => {
          expect(results[0]?.reason).toContain('stopped: it is not logging');
          expect(results[0]?.reason).toContain('local: it is not multi-Region');
          expect(results[0]?.reason).toContain('no-logs: it has no CloudWatch Logs log group');
        },
      },
      {
        name: 'the log group does not exist',
        fixture: without(chain({ filters: {} }), ...ALARM_KEYS),
        results: at('us-east-1', 'CLOUDTRAIL_METRIC_FILTERS_NOT_PRESENT', { reason: 'Log group trail-logs of trail main does not exist.' }),
      },
      {
        name: 'the log group has no metric filters',
        fixture: without(chain({ filters: { 'us-east-1/trail-logs': [] } }), ...ALARM_KEYS),
        results: at('us-east-1', 'CLOUDTRAIL_METRIC_FILTERS_NOT_PRESENT', { reason: 'Log group trail-logs of trail main has no metric filters.' }),
      },
      {
        name: 'a filter that misses some CIS events',
        fixture: without(chain({ filters: { 'us-east-1/trail-logs': [filter(cases.nearMiss)] } }), ...ALARM_KEYS),
        results: at('us-east-1', 'CLOUDTRAIL_METRIC_FILTER_NOT_VALID'),
      },
      {
        name: 'narrower filters and patterns that cannot be read, each named',
        fixture: without(
          chain({ filters: { 'us-east-1/trail-logs': [filter(cases.nearMiss, 'Narrow'), filter('{ $.eventName = ', 'Broken'), filter('ERROR', 'Text')] } }),
          ...ALARM_KEYS,
        ),
        results: at('us-east-1', 'CLOUDTRAIL_METRIC_FILTER_NOT_VALID', { evidence: { metricFilters: 3, filterNames: 'Narrow-filter, Broken-filter, Text-filter' } }),
        check: ({ results }) => {
          expect(results[0]?.reason).toContain('Broken-filter: expected a value after "="');
          expect(results[0]?.reason).toContain('Text-filter: not a JSON filter pattern');
        },
      },
      {
        name: 'a strictly broader filter (the CIS terms plus one more || term) completes the chain: FAILED, as CIS and Security Hub judge it',
        fixture: chain({ filters: { 'us-east-1/trail-logs': [filter(BROADER)] } }),
        results: at('us-east-1', 'CLOUDTRAIL_METRIC_FILTER_BROADER_THAN_CIS', { reason: 'still catches every CIS event' }),
        check: ({ results, findings }) => {
          expect(results[0]?.evidence).toMatchObject({ exactMatch: false, securityHubTextMatch: false, confirmedSubscriptions: 1 });
          expect(findings[0]?.Severity?.Label).toBe('LOW');
        },
      },
      {
        name: 'no alarm watches the metric (name and namespace both count)',
        fixture: without(
          chain({ alarms: { 'us-east-1': [alarm('OtherMetric'), alarm('CisMetric', { namespace: 'Custom' }), alarm('CisMetric', { metricName: null, namespace: null })] } }),
          'sns.subscriptions',
        ),
        results: at('us-east-1', 'CLOUDWATCH_ALARMS_NOT_PRESENT', {
          reason: 'Metric filter CisMetric-filter covers the CIS pattern, but no CloudWatch alarm watches its metric (CISBenchmark/CisMetric).',
        }),
      },
      {
        name: 'the alarm has no SNS action',
        fixture: without(chain({ alarms: { 'us-east-1': [alarm('CisMetric', { alarmActions: [`arn:aws:lambda:us-east-1:${ACCOUNT}:function:notify`] })] } }), 'sns.subscriptions'),
        results: at('us-east-1', 'CLOUDWATCH_ALARM_ACTIONS_NOT_VALID', { reason: 'Alarm CisMetric-alarm on metric CisMetric has no SNS topic among its alarm actions.' }),
      },
      {
        name: 'the alarm has its actions disabled',
        fixture: without(chain({ alarms: { 'us-east-1': [alarm('CisMetric', { actionsEnabled: false })] } }), 'sns.subscriptions'),
        results: at('us-east-1', 'CLOUDWATCH_ALARM_ACTIONS_NOT_VALID', { reason: 'Alarm CisMetric-alarm on metric CisMetric has its actions disabled.' }),
      },
      {
        name: 'the topic has only a pending subscription',
        fixture: chain({ subscriptions: { [TOPIC]: [{ subscriptionArn: 'PendingConfirmation', protocol: 'email', owner: ACCOUNT }] } }),
        results: at('us-east-1', 'SNS_SUBSCRIPTION_NOT_PRESENT', { evidence: { subscriptions: 1, confirmedSubscriptions: 0 } }),
      },
      {
        name: 'the topic has no subscription',
        fixture: chain({ subscriptions: { [TOPIC]: [] } }),
        results: at('us-east-1', 'SNS_SUBSCRIPTION_NOT_PRESENT'),
      },
      {
        name: 'the topic does not exist',
        fixture: chain({ subscriptions: {} }),
        results: at('us-east-1', 'SNS_TOPIC_INVALID', { reason: `Alarm CisMetric-alarm notifies SNS topic ${TOPIC}, which does not exist.` }),
      },
      {
        name: 'of two broken trails, the failure that got furthest is reported',
        fixture: without(chain({ trails: twoTrails, filters: { 'us-east-1/trail-logs': [filter(CIS)] }, alarms: {} }), 'sns.subscriptions'),
        results: at('us-east-1', 'CLOUDWATCH_ALARMS_NOT_PRESENT'),
      },
    ],
    warning: [
      {
        name: "another account's topic in the alarm's Region, not read: a verdict, not incomplete",
        fixture: without(chain({ alarms: { 'us-east-1': [alarm('CisMetric', { alarmActions: [`arn:aws:sns:us-east-1:${OTHER_ACCOUNT}:central`] })] } }), 'sns.subscriptions'),
        results: at('us-east-1', 'SNS_TOPIC_CROSS_ACCOUNT'),
        check: ({ results, source }) => {
          expect(source.reads.some((r) => r.id === 'sns.subscriptions')).toBe(false);
          expect(results[0]?.incomplete).toBeUndefined();
        },
      },
      {
        name: "another account's topic in another Region",
        fixture: without(chain({ alarms: { 'us-east-1': [alarm('CisMetric', { alarmActions: [`arn:aws:sns:eu-west-1:${OTHER_ACCOUNT}:central`] })] } }), 'sns.subscriptions'),
        results: at('us-east-1', 'SNS_TOPIC_CROSS_ACCOUNT_CROSS_REGION'),
      },
      {
        name: 'a denied sns:ListSubscriptionsByTopic: WARNING marked incomplete (counts as not evaluated)',
        fixture: chain({ subscriptions: { [TOPIC]: denied('sns:ListSubscriptionsByTopic') } }),
        results: at('us-east-1', 'SNS_TOPIC_CROSS_ACCOUNT', {
          reason: 'Missing permission sns:ListSubscriptionsByTopic (AccessDenied)',
          evidence: { action: 'sns:ListSubscriptionsByTopic', errorCode: 'AccessDenied' },
        }),
        check: ({ results, scan }) => {
          expect(results[0]?.incomplete).toBe(true);
          expect(scan.evaluations[0]?.results[0]?.incomplete).toBe(true);
        },
      },
      {
        name: 'the only qualifying trail delivers to another account (an organization trail)',
        fixture: without(chain({ trails: [org] }), ...CHAIN_KEYS),
        options: TWO,
        results: at('us-east-1', 'CLOUDTRAIL_TRAIL_OTHER_ACCOUNT', { reason: `delivers to a log group of account ${OTHER_ACCOUNT}` }),
        check: ({ results }) => expect(results[0]?.incomplete).toBeUndefined(),
      },
    ],
    notAvailable: [
      {
        name: 'the trails cannot be listed: once, in the home Region',
        fixture: { 'cloudtrail.trails': denied('cloudtrail:DescribeTrails') },
        options: TWO,
        results: at('us-east-1', 'ACCESS_DENIED', { action: 'cloudtrail:DescribeTrails', reason: 'Missing permission cloudtrail:DescribeTrails (AccessDenied)' }),
      },
      {
        name: 'the metric filters cannot be read',
        fixture: without(chain({ filters: { 'us-east-1/trail-logs': denied('logs:DescribeMetricFilters') } }), ...ALARM_KEYS),
        results: at('us-east-1', 'ACCESS_DENIED', { action: 'logs:DescribeMetricFilters', evidence: { logGroupName: 'trail-logs' } }),
      },
      {
        name: 'the alarms cannot be read',
        fixture: without(chain({ alarms: { 'us-east-1': denied('cloudwatch:DescribeAlarms') } }), 'sns.subscriptions'),
        results: at('us-east-1', 'ACCESS_DENIED', { action: 'cloudwatch:DescribeAlarms' }),
      },
      {
        name: 'listing the subscriptions fails otherwise than by a denial',
        fixture: chain({ subscriptions: { [TOPIC]: denied('sns:ListSubscriptionsByTopic', 'us-east-1', 'service-error') } }),
        results: at('us-east-1', 'DATA_UNAVAILABLE', { action: 'sns:ListSubscriptionsByTopic', evidence: { topicArn: TOPIC } }),
      },
      {
        name: 'a trail that might complete the chain has a status that cannot be read: not FAILED',
        fixture: without(
          chain({ trails: [trail('a-unknown', { logGroup: 'other-logs' }), trail('b-main', { logGroup: 'trail-logs' })], state: { 'a-unknown': { logging: denied('cloudtrail:GetTrailStatus') } }, alarms: {} }),
          'sns.subscriptions',
        ),
        results: at('us-east-1', 'ACCESS_DENIED', { action: 'cloudtrail:GetTrailStatus' }),
      },
      {
        name: "a trail's event selectors cannot be read",
        fixture: without(chain({ trails: [trail('a-unknown', { logGroup: 'x' })], state: { 'a-unknown': { selectors: denied('cloudtrail:GetEventSelectors') } } }), ...CHAIN_KEYS),
        results: at('us-east-1', 'ACCESS_DENIED', { action: 'cloudtrail:GetEventSelectors' }),
      },
    ],
  };
}
