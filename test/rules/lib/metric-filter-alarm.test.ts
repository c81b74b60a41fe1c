/**
 * The CloudWatch.x chain (rules/lib/metric-filter-alarm.ts), branch by branch,
 * through CloudWatch.7 (KMS key deletion): trail -> metric filter -> alarm ->
 * SNS topic -> subscription, with Security Hub's reason codes.
 */
import { describe, expect, it } from 'vitest';
import rule from '../../../rules/cloudwatch/cloudwatch-kms-key-disable-delete-alarm.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { CONFIRMED, TOPIC, alarm, chainFixture, filter } from '../cloudwatch/chain-fixture.js';
import { ACCOUNT, OTHER_ACCOUNT, trail } from '../trail-fixtures.js';

const run = ruleHarness(rule);
const CIS = rule.params.filterPattern;
const BROADER = '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion) || ($.eventName = DeleteAlias)) }';
const NARROWER = '{ ($.eventSource = kms.amazonaws.com) && ($.eventName = DisableKey) }';
const TWO = { regions: ['us-east-1', 'eu-west-1'] };
const only = (results: { status: string; reasonCode?: string; resource: { region?: string } }[]) => {
  expect(results).toHaveLength(1);
  return results[0] as (typeof results)[number];
};

describe('the metric filter and alarm chain', () => {
  it('passes a complete chain and records the facts it was judged on', async () => {
    const { results, findings } = await run(chainFixture(CIS), TWO);
    const result = only(results);
    expect(result).toMatchObject({ status: 'PASSED', resource: { id: `AWS::::Account:${ACCOUNT}`, region: 'us-east-1' } });
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
    expect(results[0]?.reason).toBe(
      `Metric filter CisMetric-filter feeds alarm CisMetric-alarm, which notifies SNS topic ${TOPIC} with 1 confirmed subscription(s).`,
    );
    expect(findings[0]?.Compliance?.StatusReasons?.[0]?.ReasonCode).toBe('COMPLIANT');
  });

  it('passes a strictly broader filter, saying that Security Hub may disagree', async () => {
    const { results } = await run(chainFixture(CIS, { filters: { 'us-east-1/trail-logs': [filter(BROADER)] } }));
    expect(only(results).status).toBe('PASSED');
    expect(results[0]?.evidence).toMatchObject({ exactMatch: false, securityHubTextMatch: false });
    expect(results[0]?.reason).toContain('The filter is broader than the CIS pattern');
  });

  it('reports in the trail home Region, reading the log group, alarms and topic there', async () => {
    const euTopic = `arn:aws:sns:eu-west-1:${ACCOUNT}:alerts`;
    const { results, source } = await run(
      chainFixture(CIS, {
        trails: [trail('eu-main', { home: 'eu-west-1', logGroup: 'eu-logs' })],
        filters: { 'eu-west-1/eu-logs': [filter(CIS)] },
        alarms: { 'eu-west-1': [alarm('CisMetric', { alarmActions: [euTopic] })] },
        subscriptions: { [euTopic]: CONFIRMED },
      }),
      TWO,
    );
    expect(only(results)).toMatchObject({ status: 'PASSED', resource: { region: 'eu-west-1' } });
    const regionsOf = (id: string) => [...new Set(source.reads.filter((r) => r.id === id).map((r) => r.region))];
    expect(regionsOf('logs.metricFilters')).toEqual(['eu-west-1']);
    expect(regionsOf('cloudwatch.alarms')).toEqual(['eu-west-1']);
    expect(regionsOf('sns.subscriptions')).toEqual(['eu-west-1']);
    expect(regionsOf('cloudtrail.trails')).toEqual(['us-east-1']);
    expect(source.reads.filter((r) => r.id === 'cloudwatch.alarms')).toHaveLength(1);
  });

  it('reports in the scan home Region for a trail homed outside the scan', async () => {
    const { results } = await run(
      chainFixture(CIS, {
        trails: [trail('far', { home: 'ap-south-1', logGroup: 'far-logs' })],
        filters: { 'ap-south-1/far-logs': [filter(CIS)] },
        alarms: { 'ap-south-1': [alarm('CisMetric', { alarmActions: ['arn:aws:sns:ap-south-1:123456789012:far'] })] },
        subscriptions: { 'arn:aws:sns:ap-south-1:123456789012:far': CONFIRMED },
      }),
      TWO,
    );
    expect(only(results)).toMatchObject({ status: 'PASSED', resource: { region: 'us-east-1' } });
  });

  describe('CLOUDTRAIL_MULTI_REGION_NOT_PRESENT', () => {
    it('fails once, in the home Region, when no trail qualifies', async () => {
      const { results } = await run(chainFixture(CIS, { trails: [] }), TWO);
      expect(only(results)).toMatchObject({ status: 'FAILED', reasonCode: 'CLOUDTRAIL_MULTI_REGION_NOT_PRESENT', resource: { region: 'us-east-1' } });
      expect(results[0]?.reason).toBe('No multi-Region trail that is logging all read and write management events delivers to CloudWatch Logs (no trails).');
    });

    it('says why each trail does not qualify, including a missing log group', async () => {
      const trails = [trail('no-logs'), trail('stopped', { logGroup: 'trail-logs' }), trail('local', { multiRegion: false, logGroup: 'trail-logs' })];
      const { results } = await run(chainFixture(CIS, { trails, state: { stopped: { logging: false } } }));
      expect(only(results).reasonCode).toBe('CLOUDTRAIL_MULTI_REGION_NOT_PRESENT');
      expect(results[0]?.reason).toContain('stopped: it is not logging');
      expect(results[0]?.reason).toContain('local: it is not multi-Region');
      expect(results[0]?.reason).toContain('no-logs: it has no CloudWatch Logs log group');
    });
  });

  describe('CLOUDTRAIL_METRIC_FILTERS_NOT_PRESENT and CLOUDTRAIL_METRIC_FILTER_NOT_VALID', () => {
    it('fails a log group that does not exist or has no filters', async () => {
      let { results } = await run(chainFixture(CIS, { filters: {} }));
      expect(only(results)).toMatchObject({ status: 'FAILED', reasonCode: 'CLOUDTRAIL_METRIC_FILTERS_NOT_PRESENT' });
      expect(results[0]?.reason).toBe('Log group trail-logs of trail main does not exist.');
      ({ results } = await run(chainFixture(CIS, { filters: { 'us-east-1/trail-logs': [] } })));
      expect(results[0]?.reason).toBe('Log group trail-logs of trail main has no metric filters.');
    });

    it('fails filters that are narrower, or whose pattern cannot be read', async () => {
      const { results } = await run(
        chainFixture(CIS, { filters: { 'us-east-1/trail-logs': [filter(NARROWER, 'Narrow'), filter('{ $.eventName = ', 'Broken'), filter('ERROR', 'Text')] } }),
      );
      expect(only(results)).toMatchObject({ status: 'FAILED', reasonCode: 'CLOUDTRAIL_METRIC_FILTER_NOT_VALID' });
      expect(results[0]?.evidence).toMatchObject({ metricFilters: 3, filterNames: 'Narrow-filter, Broken-filter, Text-filter' });
      expect(results[0]?.reason).toContain('Broken-filter: expected a value after "="');
      expect(results[0]?.reason).toContain('Text-filter: not a JSON filter pattern');
    });
  });

  describe('CLOUDWATCH_ALARMS_NOT_PRESENT and CLOUDWATCH_ALARM_ACTIONS_NOT_VALID', () => {
    it('fails when no alarm watches the metric (name and namespace both count)', async () => {
      const { results } = await run(
        chainFixture(CIS, { alarms: { 'us-east-1': [alarm('OtherMetric'), alarm('CisMetric', { namespace: 'Custom' }), alarm('CisMetric', { metricName: null, namespace: null })] } }),
      );
      expect(only(results)).toMatchObject({ status: 'FAILED', reasonCode: 'CLOUDWATCH_ALARMS_NOT_PRESENT' });
      expect(results[0]?.reason).toBe('Metric filter CisMetric-filter covers the CIS pattern, but no CloudWatch alarm watches its metric (CISBenchmark/CisMetric).');
    });

    it('fails an alarm with no SNS action, or with its actions disabled', async () => {
      let { results } = await run(chainFixture(CIS, { alarms: { 'us-east-1': [alarm('CisMetric', { alarmActions: ['arn:aws:lambda:us-east-1:123456789012:function:notify'] })] } }));
      expect(only(results)).toMatchObject({ status: 'FAILED', reasonCode: 'CLOUDWATCH_ALARM_ACTIONS_NOT_VALID' });
      expect(results[0]?.reason).toBe('Alarm CisMetric-alarm on metric CisMetric has no SNS topic among its alarm actions.');
      ({ results } = await run(chainFixture(CIS, { alarms: { 'us-east-1': [alarm('CisMetric', { actionsEnabled: false })] } })));
      expect(results[0]).toMatchObject({ reasonCode: 'CLOUDWATCH_ALARM_ACTIONS_NOT_VALID', reason: 'Alarm CisMetric-alarm on metric CisMetric has its actions disabled.' });
    });
  });

  describe('the SNS topic', () => {
    it('fails a topic without a confirmed subscription, or one that does not exist', async () => {
      let { results } = await run(chainFixture(CIS, { subscriptions: { [TOPIC]: [{ subscriptionArn: 'PendingConfirmation', protocol: 'email', owner: ACCOUNT }] } }));
      expect(only(results)).toMatchObject({ status: 'FAILED', reasonCode: 'SNS_SUBSCRIPTION_NOT_PRESENT', evidence: { subscriptions: 1, confirmedSubscriptions: 0 } });
      ({ results } = await run(chainFixture(CIS, { subscriptions: { [TOPIC]: [] } })));
      expect(results[0]?.reasonCode).toBe('SNS_SUBSCRIPTION_NOT_PRESENT');
      ({ results } = await run(chainFixture(CIS, { subscriptions: {} })));
      expect(results[0]).toMatchObject({ status: 'FAILED', reasonCode: 'SNS_TOPIC_INVALID', reason: `Alarm CisMetric-alarm notifies SNS topic ${TOPIC}, which does not exist.` });
    });

    it("warns about another account's topic, without reading it", async () => {
      const sameRegion = `arn:aws:sns:us-east-1:${OTHER_ACCOUNT}:central`;
      const otherRegion = `arn:aws:sns:eu-west-1:${OTHER_ACCOUNT}:central`;
      const sameRegionRun = await run(chainFixture(CIS, { alarms: { 'us-east-1': [alarm('CisMetric', { alarmActions: [sameRegion] })] } }));
      expect(only(sameRegionRun.results)).toMatchObject({ status: 'WARNING', reasonCode: 'SNS_TOPIC_CROSS_ACCOUNT' });
      expect(sameRegionRun.source.reads.some((r) => r.id === 'sns.subscriptions')).toBe(false);
      const { results } = await run(chainFixture(CIS, { alarms: { 'us-east-1': [alarm('CisMetric', { alarmActions: [otherRegion] })] } }));
      expect(results[0]).toMatchObject({ status: 'WARNING', reasonCode: 'SNS_TOPIC_CROSS_ACCOUNT_CROSS_REGION' });
    });

    it('warns when the subscriptions may not be listed, and is NOT_AVAILABLE when the read fails otherwise', async () => {
      let { results } = await run(chainFixture(CIS, { subscriptions: { [TOPIC]: denied('sns:ListSubscriptionsByTopic') } }));
      expect(only(results)).toMatchObject({ status: 'WARNING', reasonCode: 'SNS_TOPIC_CROSS_ACCOUNT', evidence: { action: 'sns:ListSubscriptionsByTopic', errorCode: 'AccessDenied' } });
      expect(results[0]?.reason).toContain('Missing permission sns:ListSubscriptionsByTopic (AccessDenied)');
      ({ results } = await run(chainFixture(CIS, { subscriptions: { [TOPIC]: denied('sns:ListSubscriptionsByTopic', 'us-east-1', 'service-error') } })));
      expect(results[0]).toMatchObject({ status: 'NOT_AVAILABLE', evidence: { action: 'sns:ListSubscriptionsByTopic', topicArn: TOPIC } });
    });
  });

  describe('choosing among candidates', () => {
    it('passes when any filter, alarm and topic complete the chain', async () => {
      const second = `arn:aws:sns:us-east-1:${ACCOUNT}:second`;
      const { results } = await run(
        chainFixture(CIS, {
          filters: { 'us-east-1/trail-logs': [filter(NARROWER, 'Narrow'), filter(BROADER, 'Broad'), filter(CIS)] },
          alarms: { 'us-east-1': [alarm('Broad', { alarmActions: [] }), alarm('CisMetric', { alarmActions: [second, TOPIC] })] },
          subscriptions: { [second]: [], [TOPIC]: CONFIRMED },
        }),
      );
      expect(only(results)).toMatchObject({ status: 'PASSED', evidence: { filterName: 'CisMetric-filter', exactMatch: true, topicArn: TOPIC } });
    });

    it('passes on one trail when another trail breaks the chain, and reports the furthest failure otherwise', async () => {
      const trails = [trail('a-broken', { logGroup: 'broken-logs' }), trail('b-main', { logGroup: 'trail-logs' })];
      const { results } = await run(chainFixture(CIS, { trails, filters: { 'us-east-1/trail-logs': [filter(CIS)] } }));
      expect(only(results)).toMatchObject({ status: 'PASSED', evidence: { logGroupName: 'trail-logs' } });
      const failing = await run(chainFixture(CIS, { trails, filters: { 'us-east-1/trail-logs': [filter(CIS)] }, alarms: {} }));
      expect(only(failing.results)).toMatchObject({ status: 'FAILED', reasonCode: 'CLOUDWATCH_ALARMS_NOT_PRESENT' });
    });
  });

  describe('trails of another account', () => {
    it('warns when the only qualifying trail delivers to another account (an organization trail)', async () => {
      const org = trail('org', { account: OTHER_ACCOUNT, logGroup: 'org-logs' });
      const { results } = await run(chainFixture(CIS, { trails: [org] }), TWO);
      expect(only(results)).toMatchObject({ status: 'WARNING', reasonCode: 'CLOUDTRAIL_TRAIL_OTHER_ACCOUNT', resource: { region: 'us-east-1' } });
      expect(results[0]?.reason).toContain(`delivers to a log group of account ${OTHER_ACCOUNT}`);
    });

    it("judges the account's own trail when there is one", async () => {
      const org = trail('org', { account: OTHER_ACCOUNT, logGroup: 'org-logs' });
      const { results } = await run(chainFixture(CIS, { trails: [org, trail('main', { logGroup: 'trail-logs' })] }));
      expect(only(results).status).toBe('PASSED');
    });
  });

  describe('NOT_AVAILABLE', () => {
    it('reports one NOT_AVAILABLE, in the home Region, when the trails cannot be listed', async () => {
      const { results } = await run({ 'cloudtrail.trails': denied('cloudtrail:DescribeTrails') }, TWO);
      expect(only(results)).toMatchObject({ status: 'NOT_AVAILABLE', resource: { region: 'us-east-1' } });
    });

    it('is NOT_AVAILABLE when the filters or the alarms cannot be read', async () => {
      let { results } = await run(chainFixture(CIS, { filters: { 'us-east-1/trail-logs': denied('logs:DescribeMetricFilters') } }));
      expect(only(results)).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission logs:DescribeMetricFilters (AccessDenied)', evidence: { logGroupName: 'trail-logs' } });
      ({ results } = await run(chainFixture(CIS, { alarms: { 'us-east-1': denied('cloudwatch:DescribeAlarms') } })));
      expect(results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission cloudwatch:DescribeAlarms (AccessDenied)' });
    });

    it('does not report FAILED while a trail that might complete the chain cannot be read', async () => {
      const trails = [trail('a-unknown', { logGroup: 'other-logs' }), trail('b-main', { logGroup: 'trail-logs' })];
      let { results } = await run(chainFixture(CIS, { trails, state: { 'a-unknown': { logging: denied('cloudtrail:GetTrailStatus') } }, alarms: {} }));
      expect(only(results)).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission cloudtrail:GetTrailStatus (AccessDenied)' });
      ({ results } = await run(chainFixture(CIS, { trails: [trail('a-unknown', { logGroup: 'x' })], state: { 'a-unknown': { selectors: denied('cloudtrail:GetEventSelectors') } } })));
      expect(only(results)).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission cloudtrail:GetEventSelectors (AccessDenied)' });
    });
  });
});
