/**
 * The logging and monitoring rules end to end: seed moto (test/e2e/seeds/logging.ts),
 * run the built CLI over us-east-1 and eu-west-1, and check every finding's status,
 * the reason codes of the metric-filter chain, validity, one AWS read per question,
 * and the other outcome of the account-level controls after the trail stops logging.
 * What moto cannot represent (Config lastStatus FAILURE, trails and buckets of
 * another account) is covered with aws-sdk-client-mock in test/data/logging-outcomes.test.ts.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { CloudTrailClient, StartLoggingCommand, StopLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { AttachUserPolicyCommand, CreateAccessKeyCommand, CreatePolicyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { ACCOUNT, client, describeMoto, enforceAuth, MOTO_URL, resetMoto, runCli, type Credentials } from './moto.js';
import { CHAIN_REASON_CODES, CLOUDWATCH_RULES, MAIN_TRAIL, loggingSeed } from './seeds/logging.js';
import { unmetExpectations, type Expectation } from './seeds/seed.js';

async function scan(options: { credentials?: Credentials; regions?: string; rules?: readonly string[] } = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-e2e-logging-'));
  const rules = (options.rules ?? loggingSeed.rules).join(',');
  const args = ['scan', '--regions', options.regions ?? 'us-east-1,eu-west-1', '--rules', rules, '--output-dir', dir, '--no-progress'];
  const result = await runCli(args, options);
  const findings = JSON.parse(await readFile(path.join(dir, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[];
  const document = JSON.parse(await readFile(path.join(dir, 'scan.json'), 'utf8'));
  return { ...result, dir, findings, document };
}

const of = (findings: AwsSecurityFinding[], rule: string) => findings.filter((f) => f.ProductFields?.['hubcheck/RuleId'] === rule);
const summary = (findings: AwsSecurityFinding[], rule: string) =>
  of(findings, rule).map((f) => [f.Resources?.[0]?.Region, f.Compliance?.Status, f.Compliance?.StatusReasons?.[0]?.ReasonCode]);

describeMoto('scan with the logging and monitoring rules against moto', () => {
  let expectations: Expectation[] = [];

  beforeAll(async () => {
    await resetMoto();
    expectations = await loggingSeed.seed(MOTO_URL);
  });

  it('gives the expected status for every rule and resource, in two Regions', async () => {
    const { code, findings, stderr } = await scan();
    expect(code, stderr).toBe(1);
    expect(unmetExpectations(findings, expectations)).toEqual([]);
    expect(findings).toHaveLength(expectations.length);
    expect(new Set(findings.map((f) => f.Id)).size).toBe(findings.length);
  });

  it('walks the metric-filter chain to the reason codes Security Hub uses, judging coverage rather than text', async () => {
    const { findings } = await scan();
    for (const rule of CLOUDWATCH_RULES) {
      const [finding, ...more] = of(findings, rule);
      expect(more, rule).toEqual([]);
      expect(finding?.Resources?.[0], rule).toMatchObject({ Type: 'AwsAccount', Region: 'us-east-1' });
      expect(finding?.Compliance?.StatusReasons?.[0]?.ReasonCode, rule).toBe(CHAIN_REASON_CODES[rule] ?? 'METRIC_FILTER_ALARM_CHAIN_COMPLETE');
    }
    const fields = (rule: string) => of(findings, rule)[0]?.ProductFields ?? {};
    expect(fields('cloudwatch-root-usage-alarm')).toMatchObject({ 'hubcheck/evidence/exactMatch': 'true', 'hubcheck/evidence/securityHubTextMatch': 'true' });
    expect(fields('cloudwatch-config-changes-alarm')).toMatchObject({ 'hubcheck/evidence/exactMatch': 'true', 'hubcheck/evidence/securityHubTextMatch': 'false' });
    expect(fields('cloudwatch-console-login-no-mfa-alarm')['hubcheck/evidence/exactMatch']).toBe('false');
    expect(fields('cloudwatch-organizations-changes-alarm')['hubcheck/evidence/exactMatch']).toBe('false');
    expect(fields('cloudwatch-root-usage-alarm')).toMatchObject({
      'hubcheck/evidence/trailArn': `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/${MAIN_TRAIL}`,
      'hubcheck/evidence/confirmedSubscriptions': '1',
    });
  });

  it('writes findings that hubcheck validate accepts, and makes each AWS read once', async () => {
    const { dir, document } = await scan();
    const validation = await runCli(['validate', path.join(dir, 'findings.asff.json')]);
    expect(validation.stderr).toBe('');
    expect(validation.code).toBe(0);
    const calls = document.apiCalls.byOperation;
    expect(calls).toMatchObject({
      // One listing per Region, shared by every trail rule; the metric-filter rules read the home Region's.
      'cloudtrail:DescribeTrails': 2,
      // Status and selectors of the one multi-Region trail, in its home Region, for 19 rules.
      'cloudtrail:GetTrailStatus': 1,
      'cloudtrail:GetEventSelectors': 1,
      // One log group and one alarm listing serve all fifteen metric-filter rules.
      'logs:DescribeMetricFilters': 1,
      'cloudwatch:DescribeAlarms': 1,
      // security-alerts, nobody-listens and deleted-topic; the other account's topic is not read.
      'sns:ListSubscriptionsByTopic': 3,
      'config:DescribeConfigurationRecorders': 2,
      'config:DescribeConfigurationRecorderStatus': 2,
      'securityhub:DescribeHub': 2,
      's3:ListBuckets': 1,
      // The two trail buckets of this account, each read once by CloudTrail.6 or .7.
      's3:GetBucketAcl': 2,
      's3:GetBucketPolicy': 2,
      's3:GetPublicAccessBlock': 2,
      's3:GetBucketLogging': 2,
      's3control:GetPublicAccessBlock': 1,
    });
    expect(document.errors).toEqual([]);
  });

  it('judges the metric-filter chain once per account over three Regions: one evaluation per rule, each read once', async () => {
    const { document, findings } = await scan({ regions: 'us-east-1,eu-west-1,ap-southeast-2', rules: CLOUDWATCH_RULES });
    const rules = document.rules as { id: string; scope: string; evaluations: number }[];
    expect(rules.map((r) => [r.id, r.scope, r.evaluations]).sort()).toEqual([...CLOUDWATCH_RULES].sort().map((id) => [id, 'account', 1]));
    expect(findings).toHaveLength(CLOUDWATCH_RULES.length);
    expect(new Set(findings.map((f) => f.Resources?.[0]?.Region))).toEqual(new Set(['us-east-1']));
    expect(document.apiCalls.byOperation).toEqual({
      // The trail list is read in the home Region only, and the one trail's status and selectors in its home Region.
      'cloudtrail:DescribeTrails': 1,
      'cloudtrail:GetTrailStatus': 1,
      'cloudtrail:GetEventSelectors': 1,
      // One log group and one alarm listing for all fifteen rules; nothing in eu-west-1 or ap-southeast-2.
      'logs:DescribeMetricFilters': 1,
      'cloudwatch:DescribeAlarms': 1,
      // security-alerts, nobody-listens and deleted-topic; the other account's topic is not read.
      'sns:ListSubscriptionsByTopic': 3,
      'sts:GetCallerIdentity': 1,
    });
    expect(Object.keys(document.apiCalls.byScope).sort()).toEqual([`${ACCOUNT}/us-east-1`]);
  });

  it('fails the trail-wide controls everywhere once the trail stops logging, then passes them again', async () => {
    const ct = client(CloudTrailClient, 'us-east-1');
    await ct.send(new StopLoggingCommand({ Name: MAIN_TRAIL }));
    try {
      const { findings } = await scan();
      expect(summary(findings, 'cloudtrail-multi-region-enabled')).toEqual([
        ['eu-west-1', 'FAILED', 'CLOUDTRAIL_MULTI_REGION_NOT_PRESENT'],
        ['us-east-1', 'FAILED', 'CLOUDTRAIL_MULTI_REGION_NOT_PRESENT'],
      ]);
      expect(summary(findings, 's3-object-write-events-logged').map(([, status]) => status)).toEqual(['FAILED', 'FAILED']);
      for (const rule of CLOUDWATCH_RULES) {
        expect(summary(findings, rule), rule).toEqual([['us-east-1', 'FAILED', 'CLOUDTRAIL_MULTI_REGION_NOT_PRESENT']]);
      }
      expect(of(findings, 'cloudwatch-root-usage-alarm')[0]?.Compliance?.StatusReasons?.[0]?.Description).toContain(`${MAIN_TRAIL}: it is not logging`);
    } finally {
      await ct.send(new StartLoggingCommand({ Name: MAIN_TRAIL }));
    }
    const { findings } = await scan();
    expect(summary(findings, 'cloudtrail-multi-region-enabled').map(([, status]) => status)).toEqual(['PASSED', 'PASSED']);
  });

  it('without any permission, reports NOT_AVAILABLE naming the first denied read: per Region, or once for a metric-filter rule', async () => {
    const iam = client(IAMClient);
    await iam.send(new CreateUserCommand({ UserName: 'nobody' }));
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'nobody' }));
    await enforceAuth(true);
    try {
      const { code, findings } = await scan({ credentials: { accessKeyId: key.AccessKey?.AccessKeyId ?? '', secretAccessKey: key.AccessKey?.SecretAccessKey ?? '' } });
      expect(code).toBe(3);
      const firstRead: Record<string, string> = { 'config-recorder-enabled': 'config:DescribeConfigurationRecorders', 'securityhub-account-enabled': 'securityhub:DescribeHub' };
      for (const rule of loggingSeed.rules) {
        const regions = CLOUDWATCH_RULES.includes(rule) ? ['us-east-1'] : ['eu-west-1', 'us-east-1'];
        expect(summary(findings, rule), rule).toEqual(regions.map((region) => [region, 'NOT_AVAILABLE', 'ACCESS_DENIED']));
        const action = firstRead[rule] ?? 'cloudtrail:DescribeTrails';
        // moto answers a denied CloudTrail call with a body the SDK cannot parse; hubcheck reports it as HTTP 403 and still names the action.
        for (const f of of(findings, rule)) expect(f.Description, rule).toMatch(new RegExp(`^Missing permission ${action} \\((AccessDenied|HTTP 403)\\)$`));
      }
      expect(findings).toHaveLength(35); // 10 rules x 2 Regions + 15 metric-filter rules x 1
    } finally {
      await enforceAuth(false);
    }
  });

  it('warns about an SNS topic it may not read, and names a denied Security Hub read', async () => {
    const iam = client(IAMClient);
    await iam.send(new CreateUserCommand({ UserName: 'auditor' }));
    const policy = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'audit-but-not-sns-or-securityhub',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: '*', Resource: '*' },
            { Effect: 'Deny', Action: ['sns:ListSubscriptionsByTopic', 'securityhub:DescribeHub'], Resource: '*' },
          ],
        }),
      }),
    );
    await iam.send(new AttachUserPolicyCommand({ UserName: 'auditor', PolicyArn: policy.Policy?.Arn }));
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'auditor' }));
    const credentials = { accessKeyId: key.AccessKey?.AccessKeyId ?? '', secretAccessKey: key.AccessKey?.SecretAccessKey ?? '' };
    await enforceAuth(true);
    try {
      const { findings } = await scan({ credentials });
      expect(summary(findings, 'cloudwatch-root-usage-alarm')).toEqual([['us-east-1', 'WARNING', 'SNS_TOPIC_CROSS_ACCOUNT']]);
      expect(summary(findings, 'securityhub-account-enabled')).toEqual([
        ['eu-west-1', 'NOT_AVAILABLE', 'ACCESS_DENIED'],
        ['us-east-1', 'NOT_AVAILABLE', 'ACCESS_DENIED'],
      ]);
      expect(of(findings, 'securityhub-account-enabled')[0]?.Compliance?.StatusReasons?.[0]?.Description).toMatch(/securityhub:DescribeHub/);
      expect(summary(findings, 'config-recorder-enabled').map(([, status]) => status)).toEqual(['FAILED', 'PASSED']);
    } finally {
      await enforceAuth(false);
    }
  });
});
