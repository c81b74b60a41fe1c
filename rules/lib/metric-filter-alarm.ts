/**
 * CloudWatch.1 to CloudWatch.14 and the CIS-only Organizations alarm: one
 * implementation, each rule supplying only its CIS filter pattern (`params.filterPattern`).
 *
 * The chain, with Security Hub's StatusReasons codes as `reasonCode`:
 *
 * 1. a trail that is multi-Region, logging, captures all read and write
 *    management events and delivers to a CloudWatch Logs log group
 *    (else CLOUDTRAIL_MULTI_REGION_NOT_PRESENT);
 * 2. a metric filter on that log group whose pattern matches the CIS pattern
 *    (none at all: CLOUDTRAIL_METRIC_FILTERS_NOT_PRESENT; none covering:
 *    CLOUDTRAIL_METRIC_FILTER_NOT_VALID; only broader ones, which catch every
 *    CIS event and more: CLOUDTRAIL_METRIC_FILTER_BROADER_THAN_CIS, unless the
 *    `metricFilterMatch` parameter is 'covers');
 * 3. a metric alarm on the filter's metric, same name and namespace
 *    (CLOUDWATCH_ALARMS_NOT_PRESENT);
 * 4. an SNS topic among the alarm's AlarmActions, actions enabled
 *    (CLOUDWATCH_ALARM_ACTIONS_NOT_VALID);
 * 5. at least one confirmed subscription to the topic (SNS_SUBSCRIPTION_NOT_PRESENT;
 *    a topic that does not exist: SNS_TOPIC_INVALID). A topic of another
 *    account, or one whose subscriptions may not be listed, is a WARNING
 *    (SNS_TOPIC_CROSS_ACCOUNT, SNS_TOPIC_CROSS_ACCOUNT_CROSS_REGION); the second
 *    kind rests on a read that failed and is marked `incomplete`.
 *
 * Every candidate chain (trail x filter x alarm x topic) is judged; the best
 * outcome wins (PASSED, then WARNING, then NOT_AVAILABLE, then the FAILED that
 * got furthest). The chain is judged once per account (scope 'account'); the
 * result is one account-level finding, reported in the home Region of the trail
 * it is about (the log group, metric and alarm live there), or in the scan's
 * home Region when no trail qualifies or the trail's Region is not scanned. The
 * other Regions have no finding: Security Hub's NO_DATA.
 */
import type { Trail } from '@aws-sdk/client-cloudtrail';
import type { MetricAlarm } from '../../src/data/cloudwatch.js';
import type { MetricFilter, MetricFilterTransformation } from '../../src/data/logs.js';
import { DataUnavailable } from '../../src/data/errors.js';
import {
  accountResource,
  attempt,
  fail,
  notAvailable,
  pass,
  unavailable,
  warning,
  type ComplianceStatus,
  type Evidence,
  type RemediationSteps,
  type RuleContext,
  type RuleResult,
} from '../../src/engine/rule.js';
import { FilterPatternError, coverage, parseFilterPattern, textMatch } from './metric-filter-pattern.js';
import { allManagementEvents, describeShortfalls, judgeTrails, parseArn, trailHomeRegion } from './trails.js';

/**
 * `filterPattern`: the CIS pattern. `metricFilterMatch`: 'cis' (the default)
 * accepts a filter matching exactly the CIS events; 'covers' also accepts one
 * that matches them and more.
 */
export type MetricFilterAlarmParams = { filterPattern: string; metricFilterMatch?: string };
export const METRIC_FILTER_MATCHES = ['cis', 'covers'] as const;

/** Every reason code of the chain (Security Hub's StatusReasons codes, and hubcheck's own). */
export const METRIC_FILTER_ALARM_REASON_CODES = {
  METRIC_FILTER_ALARM_CHAIN_COMPLETE: 'PASSED: a metric filter with the CIS pattern feeds an alarm that notifies an SNS topic with a confirmed subscription.',
  CLOUDTRAIL_MULTI_REGION_NOT_PRESENT: 'FAILED: no multi-Region, logging trail with all management events delivers to CloudWatch Logs.',
  CLOUDTRAIL_METRIC_FILTERS_NOT_PRESENT: "FAILED: the trail's log group has no metric filters, or does not exist.",
  CLOUDTRAIL_METRIC_FILTER_NOT_VALID: 'FAILED: no metric filter on the log group matches every event of the CIS pattern.',
  CLOUDTRAIL_METRIC_FILTER_BROADER_THAN_CIS: 'FAILED: the only complete chain starts from a filter broader than the CIS pattern (it still catches every CIS event).',
  CLOUDWATCH_ALARMS_NOT_PRESENT: "FAILED: no alarm watches the filter's metric.",
  CLOUDWATCH_ALARM_ACTIONS_NOT_VALID: 'FAILED: the alarm has no SNS topic among its actions, or its actions are disabled.',
  SNS_TOPIC_INVALID: 'FAILED: the SNS topic the alarm notifies does not exist.',
  SNS_SUBSCRIPTION_NOT_PRESENT: 'FAILED: the SNS topic has no confirmed subscription.',
  SNS_TOPIC_CROSS_ACCOUNT:
    "WARNING: the topic belongs to another account (a verdict), or its subscriptions could not be listed (incomplete: counts as not evaluated).",
  SNS_TOPIC_CROSS_ACCOUNT_CROSS_REGION: 'WARNING: as SNS_TOPIC_CROSS_ACCOUNT, for a topic in another Region than the alarm.',
  CLOUDTRAIL_TRAIL_OTHER_ACCOUNT: "WARNING: the only qualifying trail delivers to another account's log group (an organization trail).",
} as const;
type ChainReasonCode = keyof typeof METRIC_FILTER_ALARM_REASON_CODES;

/** Every read of the chain: the requiredActions of each CloudWatch.x rule. */
export const METRIC_FILTER_ALARM_ACTIONS = [
  'cloudtrail:DescribeTrails',
  'cloudtrail:GetTrailStatus',
  'cloudtrail:GetEventSelectors',
  'logs:DescribeMetricFilters',
  'cloudwatch:DescribeAlarms',
  'sns:ListSubscriptionsByTopic',
] as const;

/** The metadata every metric-filter rule shares. */
export const metricFilterAlarmRule = {
  severity: 'LOW',
  scope: 'account',
  resourceType: 'AwsAccount',
  requiredActions: METRIC_FILTER_ALARM_ACTIONS,
  reasonCodes: METRIC_FILTER_ALARM_REASON_CODES,
  evaluate: evaluateMetricFilterAlarm,
} as const;

interface Outcome {
  status: ComplianceStatus;
  /** The Region the finding belongs to. */
  region: string;
  reason: string;
  reasonCode?: ChainReasonCode;
  evidence: Evidence;
  unavailable?: DataUnavailable;
  /** A WARNING that rests on a read that failed. */
  incomplete?: true;
}

/** Higher is better: a pass, then a warning, then "cannot tell", then the failure that got furthest. */
const STAGE: Partial<Record<ChainReasonCode, number>> = {
  CLOUDTRAIL_MULTI_REGION_NOT_PRESENT: 1,
  CLOUDTRAIL_METRIC_FILTERS_NOT_PRESENT: 2,
  CLOUDTRAIL_METRIC_FILTER_NOT_VALID: 3,
  CLOUDWATCH_ALARMS_NOT_PRESENT: 4,
  CLOUDWATCH_ALARM_ACTIONS_NOT_VALID: 5,
  SNS_TOPIC_INVALID: 6,
  SNS_SUBSCRIPTION_NOT_PRESENT: 6,
  CLOUDTRAIL_METRIC_FILTER_BROADER_THAN_CIS: 7,
};
function rank(o: Outcome): number {
  if (o.status === 'PASSED') return 100;
  if (o.status === 'WARNING') return 90;
  if (o.status === 'NOT_AVAILABLE') return 80;
  return o.reasonCode ? (STAGE[o.reasonCode] ?? 0) : 0;
}
function best(outcomes: Outcome[]): Outcome {
  return outcomes.reduce((a, b) => (rank(b) > rank(a) ? b : a));
}

/** `arn:aws:logs:r:acct:log-group:NAME:*` -> the log group's name, Region and account. */
export function parseLogGroupArn(arn: string): { name: string; region: string; account: string } | null {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'logs' || !parsed.resource.startsWith('log-group:')) return null;
  const name = parsed.resource.slice('log-group:'.length).replace(/:\*$/, '');
  return name ? { name, region: parsed.region, account: parsed.account } : null;
}

export async function evaluateMetricFilterAlarm(ctx: RuleContext<MetricFilterAlarmParams>): Promise<RuleResult[]> {
  const cisPattern = ctx.params.filterPattern;
  parseFilterPattern(cisPattern); // a rule with a broken reference pattern is a bug: fail loudly
  const match = ctx.params.metricFilterMatch ?? 'cis';
  if (!(METRIC_FILTER_MATCHES as readonly string[]).includes(match)) {
    throw new Error(`parameter metricFilterMatch must be ${METRIC_FILTER_MATCHES.join(' or ')}, not '${match}'`);
  }
  const fallbackRegion = ctx.regions.includes(ctx.homeRegion) ? ctx.homeRegion : (ctx.regions[0] ?? ctx.homeRegion);
  const reportRegion = (region: string) => (ctx.regions.includes(region) ? region : fallbackRegion);
  const emit = (o: Outcome): RuleResult[] => {
    const resource = accountResource(ctx.account, o.region);
    if (o.unavailable) {
      const result = unavailable(resource, o.unavailable);
      return [{ ...result, evidence: { ...o.evidence, ...result.evidence } }];
    }
    const make = { PASSED: pass, FAILED: fail, WARNING: warning, NOT_AVAILABLE: notAvailable }[o.status];
    const result = make(resource, o.reason, { ...(o.reasonCode ? { reasonCode: o.reasonCode } : {}), evidence: o.evidence });
    return [o.incomplete ? { ...result, incomplete: true } : result];
  };

  // Multi-Region trails are listed in every Region: read the list once, in the home Region.
  const trails = await attempt(ctx.dataIn(ctx.homeRegion).cloudtrail.trails());
  if (trails instanceof DataUnavailable) return emit({ status: 'NOT_AVAILABLE', region: fallbackRegion, reason: '', evidence: {}, unavailable: trails });

  const verdicts = await judgeTrails(ctx, trails, allManagementEvents);
  const withLogs = verdicts.filter((v) => v.qualifies && v.trail.CloudWatchLogsLogGroupArn);
  const ours = withLogs.filter((v) => parseLogGroupArn(v.trail.CloudWatchLogsLogGroupArn ?? '')?.account === ctx.account);
  const unknown = verdicts.find((v) => v.unavailable);

  if (ours.length === 0) {
    const foreign = withLogs[0];
    if (foreign) {
      const owner = parseLogGroupArn(foreign.trail.CloudWatchLogsLogGroupArn ?? '')?.account ?? 'another account';
      return emit({
        status: 'WARNING',
        region: fallbackRegion,
        reasonCode: 'CLOUDTRAIL_TRAIL_OTHER_ACCOUNT',
        reason: `The only qualifying multi-Region trail, ${foreign.trail.Name}, delivers to a log group of account ${owner} (an organization trail): its metric filters and alarms are evaluated in that account.`,
        evidence: { trailArn: foreign.trail.TrailARN ?? null, logGroupArn: foreign.trail.CloudWatchLogsLogGroupArn ?? null },
      });
    }
    if (unknown?.unavailable) {
      return emit({ status: 'NOT_AVAILABLE', region: fallbackRegion, reason: '', evidence: { trailArn: unknown.trail.TrailARN ?? null }, unavailable: unknown.unavailable });
    }
    const noLogs = verdicts.filter((v) => v.qualifies).map((v) => `${v.trail.Name}: it has no CloudWatch Logs log group`);
    const why = [describeShortfalls(verdicts), ...noLogs].filter((s) => s !== 'no trails').join('; ') || 'no trails';
    return emit({
      status: 'FAILED',
      region: fallbackRegion,
      reasonCode: 'CLOUDTRAIL_MULTI_REGION_NOT_PRESENT',
      reason: `No multi-Region trail that is logging all read and write management events delivers to CloudWatch Logs (${why}).`,
      evidence: { trails: verdicts.length },
    });
  }

  const outcomes = (await Promise.all(ours.map((v) => judgeChain(ctx, v.trail, cisPattern, match === 'covers', reportRegion)))).flat();
  const chosen = best(outcomes);
  if (chosen.status === 'FAILED' && unknown?.unavailable) {
    // Another trail might complete the chain: we cannot say FAILED.
    return emit({ ...chosen, status: 'NOT_AVAILABLE', unavailable: unknown.unavailable });
  }
  return emit(chosen);
}

async function judgeChain(
  ctx: RuleContext<MetricFilterAlarmParams>,
  trail: Trail,
  cisPattern: string,
  acceptBroader: boolean,
  reportRegion: (region: string) => string,
): Promise<Outcome[]> {
  const logGroup = parseLogGroupArn(trail.CloudWatchLogsLogGroupArn ?? '') as NonNullable<ReturnType<typeof parseLogGroupArn>>;
  const logRegion = logGroup.region || trailHomeRegion(trail);
  const region = reportRegion(trailHomeRegion(trail));
  const data = ctx.dataIn(logRegion);
  const base: Evidence = { trailArn: trail.TrailARN ?? null, logGroupName: logGroup.name };
  const outcome = (status: ComplianceStatus, reason: string, reasonCode: ChainReasonCode | undefined, evidence: Evidence = {}): Outcome => ({
    status,
    region,
    reason,
    ...(reasonCode ? { reasonCode } : {}),
    evidence: { ...base, ...evidence },
  });
  const cannotRead = (error: DataUnavailable): Outcome => ({ status: 'NOT_AVAILABLE', region, reason: '', evidence: base, unavailable: error });

  // 2. Metric filters on the trail's log group.
  const filters = await attempt(data.logs.metricFilters(logGroup.name));
  if (filters instanceof DataUnavailable) return [cannotRead(filters)];
  if (filters === null || filters.length === 0) {
    const what = filters === null ? 'does not exist' : 'has no metric filters';
    return [outcome('FAILED', `Log group ${logGroup.name} of trail ${trail.Name} ${what}.`, 'CLOUDTRAIL_METRIC_FILTERS_NOT_PRESENT', { metricFilters: 0 })];
  }
  const judged = filters.map((filter) => judgeFilter(filter, cisPattern));
  const covering = judged.filter((j) => j.covers).sort((a, b) => Number(b.exactMatch) - Number(a.exactMatch));
  if (covering.length === 0) {
    const malformed = judged.filter((j) => j.error).map((j) => `${j.filter.filterName}: ${j.error}`);
    return [
      outcome(
        'FAILED',
        `None of the ${filters.length} metric filters on log group ${logGroup.name} matches every event of the CIS pattern${malformed.length ? ` (unreadable patterns: ${malformed.join('; ')})` : ''}.`,
        'CLOUDTRAIL_METRIC_FILTER_NOT_VALID',
        { metricFilters: filters.length, filterNames: filters.map((f) => f.filterName).join(', ') },
      ),
    ];
  }

  // 3. Alarms on a covering filter's metric.
  const alarms = await attempt(data.cloudwatch.alarms());
  if (alarms instanceof DataUnavailable) return [cannotRead(alarms)];
  const candidates = covering.flatMap((j) =>
    j.filter.metricTransformations.flatMap((metric) =>
      alarms.filter((a) => a.metricName === metric.metricName && a.namespace === metric.metricNamespace).map((alarm) => ({ ...j, metric, alarm })),
    ),
  );
  const first = covering[0] as (typeof covering)[number];
  if (candidates.length === 0) {
    const metrics = covering.flatMap((j) => j.filter.metricTransformations.map((m) => `${m.metricNamespace}/${m.metricName}`));
    return [
      outcome(
        'FAILED',
        `Metric filter ${first.filter.filterName} covers the CIS pattern, but no CloudWatch alarm watches its metric (${metrics.join(', ') || 'no metric'}).`,
        'CLOUDWATCH_ALARMS_NOT_PRESENT',
        filterEvidence(first, first.filter.metricTransformations[0]),
      ),
    ];
  }

  // 4 and 5. SNS topics among the alarm actions, and their subscriptions.
  const outcomes: Outcome[] = [];
  for (const c of candidates) {
    const evidence = { ...filterEvidence(c, c.metric), ...alarmEvidence(c.alarm) };
    const topics = c.alarm.actionsEnabled ? c.alarm.alarmActions.filter((a) => parseArn(a)?.service === 'sns') : [];
    if (topics.length === 0) {
      const why = c.alarm.actionsEnabled ? 'has no SNS topic among its alarm actions' : 'has its actions disabled';
      outcomes.push(outcome('FAILED', `Alarm ${c.alarm.alarmName} on metric ${c.metric.metricName} ${why}.`, 'CLOUDWATCH_ALARM_ACTIONS_NOT_VALID', evidence));
      continue;
    }
    for (const topicArn of topics) outcomes.push(await judgeTopic(ctx, topicArn, logRegion, acceptBroader, outcome, { ...evidence, topicArn }, c));
  }
  return outcomes;
}

async function judgeTopic(
  ctx: RuleContext<MetricFilterAlarmParams>,
  topicArn: string,
  alarmRegion: string,
  acceptBroader: boolean,
  outcome: (status: ComplianceStatus, reason: string, reasonCode: ChainReasonCode | undefined, evidence?: Evidence) => Outcome,
  evidence: Evidence,
  c: { alarm: MetricAlarm; filter: MetricFilter; exactMatch: boolean },
): Promise<Outcome> {
  const topic = parseArn(topicArn) as NonNullable<ReturnType<typeof parseArn>>;
  const crossCode = topic.region === alarmRegion ? 'SNS_TOPIC_CROSS_ACCOUNT' : 'SNS_TOPIC_CROSS_ACCOUNT_CROSS_REGION';
  if (topic.account !== ctx.account) {
    return outcome(
      'WARNING',
      `Alarm ${c.alarm.alarmName} notifies SNS topic ${topicArn} of account ${topic.account}: its subscriptions cannot be checked from this account.`,
      crossCode,
      evidence,
    );
  }
  const subscriptions = await attempt(ctx.dataIn(topic.region).sns.subscriptions(topicArn));
  if (subscriptions instanceof DataUnavailable) {
    if (subscriptions.reason !== 'access-denied') {
      return { ...outcome('NOT_AVAILABLE', '', undefined, evidence), unavailable: subscriptions };
    }
    return {
      ...outcome(
        'WARNING',
        `Alarm ${c.alarm.alarmName} notifies SNS topic ${topicArn}, whose subscriptions cannot be listed: ${subscriptions.describe()}.`,
        crossCode,
        { ...evidence, action: subscriptions.action, errorCode: subscriptions.code },
      ),
      incomplete: true,
    };
  }
  if (subscriptions === null) {
    return outcome('FAILED', `Alarm ${c.alarm.alarmName} notifies SNS topic ${topicArn}, which does not exist.`, 'SNS_TOPIC_INVALID', evidence);
  }
  const confirmed = subscriptions.filter((s) => s.subscriptionArn.startsWith('arn:'));
  const counts = { ...evidence, subscriptions: subscriptions.length, confirmedSubscriptions: confirmed.length };
  if (confirmed.length === 0) {
    return outcome(
      'FAILED',
      `Alarm ${c.alarm.alarmName} notifies SNS topic ${topicArn}, which has no confirmed subscription.`,
      'SNS_SUBSCRIPTION_NOT_PRESENT',
      counts,
    );
  }
  const chain = `feeds alarm ${c.alarm.alarmName}, which notifies SNS topic ${topicArn} with ${confirmed.length} confirmed subscription(s)`;
  if (!c.exactMatch && !acceptBroader) {
    return outcome(
      'FAILED',
      `Metric filter ${c.filter.filterName} ${chain}, but its pattern is broader than the CIS pattern: it still catches every CIS event, and more, while CIS and Security Hub require the CIS pattern itself.`,
      'CLOUDTRAIL_METRIC_FILTER_BROADER_THAN_CIS',
      counts,
    );
  }
  const broader = c.exactMatch
    ? ''
    : ' The filter is broader than the CIS pattern (it matches every CIS event and more); Security Hub, which compares the exact text, may report it as FAILED.';
  return outcome('PASSED', `Metric filter ${c.filter.filterName} ${chain}.${broader}`, 'METRIC_FILTER_ALARM_CHAIN_COMPLETE', counts);
}

interface JudgedFilter {
  filter: MetricFilter;
  covers: boolean;
  exactMatch: boolean;
  textMatch: boolean;
  error?: string;
}

function judgeFilter(filter: MetricFilter, cisPattern: string): JudgedFilter {
  try {
    return { filter, ...coverage(filter.filterPattern, cisPattern), textMatch: textMatch(filter.filterPattern, cisPattern) };
  } catch (error) {
    if (!(error instanceof FilterPatternError)) throw error;
    return { filter, covers: false, exactMatch: false, textMatch: false, error: error.message };
  }
}

function filterEvidence(j: JudgedFilter, metric: MetricFilterTransformation | undefined): Evidence {
  return {
    filterName: j.filter.filterName,
    filterPattern: j.filter.filterPattern,
    exactMatch: j.exactMatch,
    securityHubTextMatch: j.textMatch,
    metricName: metric?.metricName ?? null,
    metricNamespace: metric?.metricNamespace ?? null,
    metricValue: metric?.metricValue ?? null,
    defaultValue: metric?.defaultValue ?? null,
  };
}

function alarmEvidence(alarm: MetricAlarm): Evidence {
  return {
    alarmName: alarm.alarmName,
    comparisonOperator: alarm.comparisonOperator,
    threshold: alarm.threshold,
    actionsEnabled: alarm.actionsEnabled,
  };
}

/**
 * The fix of every CloudWatch.x alarm rule: on the log group the multi-Region
 * trail delivers to, a metric filter with the rule's CIS pattern, an alarm on its
 * metric, and an SNS topic with a subscription as the alarm's action. The
 * metric is named after the rule, in the `CISBenchmark` namespace.
 */
export const METRIC_FILTER_ALARM_STEPS: RemediationSteps = {
  change:
    "In the trail's home Region, on the CloudWatch Logs log group of the multi-Region trail, create a metric filter with the CIS pattern, an alarm on its metric and an SNS topic with a subscription as the alarm action (the trail itself: see cloudtrail-trail-cloudwatch-logs-enabled). Confirm the subscription from the email AWS sends.",
  cli: [
    "aws logs put-metric-filter --region {{region}} --log-group-name {{logGroup}} --filter-name {{ruleId}} --metric-transformations metricName={{ruleId}},metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '{{filterPattern}}'",
    'aws sns create-topic --region {{region}} --name {{topicName}}',
    'aws sns subscribe --region {{region}} --topic-arn arn:{{partition}}:sns:{{region}}:{{account}}:{{topicName}} --protocol email --notification-endpoint {{email}}',
    'aws cloudwatch put-metric-alarm --region {{region}} --alarm-name {{ruleId}} --metric-name {{ruleId}} --namespace CISBenchmark --statistic Sum --period 300 --evaluation-periods 1 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --treat-missing-data notBreaching --alarm-actions arn:{{partition}}:sns:{{region}}:{{account}}:{{topicName}}',
  ],
  cloudformation: `CisAlarmTopic:
  Type: AWS::SNS::Topic
  Properties:
    TopicName: "{{topicName}}"
    Subscription:
      - Protocol: email
        Endpoint: "{{email}}"
CisMetricFilter:
  Type: AWS::Logs::MetricFilter
  Properties:
    LogGroupName: "{{logGroup}}"
    FilterName: "{{ruleId}}"
    FilterPattern: "{{filterPattern}}"
    MetricTransformations:
      - MetricName: "{{ruleId}}"
        MetricNamespace: CISBenchmark
        MetricValue: "1"
CisAlarm:
  Type: AWS::CloudWatch::Alarm
  Properties:
    AlarmName: "{{ruleId}}"
    MetricName: "{{ruleId}}"
    Namespace: CISBenchmark
    Statistic: Sum
    Period: 300
    EvaluationPeriods: 1
    Threshold: 1
    ComparisonOperator: GreaterThanOrEqualToThreshold
    TreatMissingData: notBreaching
    AlarmActions:
      - !Ref CisAlarmTopic
`,
  terraform: `resource "aws_sns_topic" "cis_alarms" {
  name = "{{topicName}}"
}

resource "aws_sns_topic_subscription" "cis_alarms" {
  topic_arn = aws_sns_topic.cis_alarms.arn
  protocol  = "email"
  endpoint  = "{{email}}"
}

resource "aws_cloudwatch_log_metric_filter" "cis" {
  name           = "{{ruleId}}"
  log_group_name = "{{logGroup}}"
  pattern        = "{{filterPattern}}"

  metric_transformation {
    name      = "{{ruleId}}"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "cis" {
  alarm_name          = "{{ruleId}}"
  metric_name         = "{{ruleId}}"
  namespace           = "CISBenchmark"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.cis_alarms.arn]
}
`,
  inputs: {
    logGroup: { default: 'aws-cloudtrail-logs', means: 'The CloudWatch Logs log group the multi-Region trail delivers to.' },
    topicName: { default: 'cis-security-alarms', means: 'The SNS topic the alarms notify.' },
    email: { default: 'security@example.com', means: 'Who receives the alarms.' },
  },
};
