/** `hubcheck insights` in-process; CreateInsight through aws-sdk-client-mock (moto has no CreateInsight). */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CreateInsightCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { minimal } from '../helpers/asff-samples.js';
import { cli } from '../helpers/cli.js';
import { awsError } from '../helpers/securityhub.js';

const hub = mockClient(SecurityHubClient);
afterEach(() => hub.reset());

let dir = '';
let findingsFile = '';
const write = async (name: string, content: unknown) => {
  const f = path.join(dir, name);
  await writeFile(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
};
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-insights-'));
  findingsFile = await write('findings.json', [
    { ...minimal(), Id: '1', Severity: { Label: 'HIGH' }, Compliance: { Status: 'FAILED' }, Resources: [{ Type: 'AwsIamUser', Id: 'arn:aws:iam::123456789012:user/bob' }] },
    { ...minimal(), Id: '2', Severity: { Label: 'HIGH' }, Compliance: { Status: 'FAILED' }, Resources: [{ Type: 'AwsIamUser', Id: 'arn:aws:iam::123456789012:user/bob' }] },
    { ...minimal(), Id: '3', Severity: { Label: 'INFORMATIONAL' }, Compliance: { Status: 'PASSED' }, Resources: [{ Type: 'AwsIamUser', Id: 'arn:aws:iam::123456789012:user/alice' }] },
  ]);
});

describe('hubcheck insights', () => {
  it('prints grouped counts as a table', async () => {
    const filters = await write('failed.json', { ComplianceStatus: [{ Comparison: 'EQUALS', Value: 'FAILED' }] });
    const result = await cli(['insights', findingsFile, '--filters', filters, '--group-by', 'ResourceId']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(
      [`Insight (${filters})`, 'Grouped by ResourceId: 2 of 3 findings match', 'COUNT  RESOURCEID', '    2  arn:aws:iam::123456789012:user/bob', ''].join('\n'),
    );
  });

  it('runs a managed insight by name and prints JSON', async () => {
    const result = await cli(['insights', findingsFile, '--insight', 'severity', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      Name: 'Severity by counts of findings',
      ManagedInsightArn: 'arn:aws:securityhub:::insight/securityhub/default/29',
      GroupByAttribute: 'SeverityLabel',
      FindingsTotal: 3,
      FindingsMatched: 3,
      ResultValues: [
        { GroupByAttributeValue: 'HIGH', Count: 2 },
        { GroupByAttributeValue: 'INFORMATIONAL', Count: 1 },
      ],
    });
  });

  it('lists the managed insights', async () => {
    const table = await cli(['insights', '--managed']);
    expect(table.code).toBe(0);
    expect(table.stdout.trim().split('\n')).toHaveLength(33);
    expect(table.stdout).toMatch(/^\s*1\s+resources-most-findings\s+ResourceId\s+AWS resources with the most findings$/m);
    const json = JSON.parse((await cli(['insights', '--managed', '--json'])).stdout);
    expect(json).toHaveLength(32);
  });

  it('evaluates CONTAINS locally with a warning on stderr', async () => {
    const filters = await write('contains.json', { Title: [{ Comparison: 'CONTAINS', Value: 'look' }] });
    const result = await cli(['insights', findingsFile, '--filters', filters, '--group-by', 'SeverityLabel']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^hubcheck: warning: Title\[0\]: CONTAINS is documented for automation rules only/);
  });

  it('--create calls CreateInsight with the same filters and group-by, in the Region given', async () => {
    hub.on(CreateInsightCommand).resolves({ InsightArn: 'arn:aws:securityhub:eu-west-1:123456789012:insight/123456789012/custom/abc' });
    const body = await write('insight.json', {
      Name: 'Failed hubcheck findings',
      GroupByAttribute: 'ResourceId',
      Filters: { ComplianceStatus: [{ Comparison: 'EQUALS', Value: 'FAILED' }], GeneratorId: [{ Comparison: 'PREFIX', Value: 'hubcheck/' }] },
    });
    const result = await cli(['insights', findingsFile, '--filters', body, '--create', '--region', 'eu-west-1']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created insight in eu-west-1: arn:aws:securityhub:eu-west-1:123456789012:insight/123456789012/custom/abc');
    const calls = hub.commandCalls(CreateInsightCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      Name: 'Failed hubcheck findings',
      GroupByAttribute: 'ResourceId',
      Filters: { ComplianceStatus: [{ Comparison: 'EQUALS', Value: 'FAILED' }], GeneratorId: [{ Comparison: 'PREFIX', Value: 'hubcheck/' }] },
    });
    expect(await calls[0]?.thisValue.config.region()).toBe('eu-west-1');
  });

  it('--create copies a managed insight under its name, without a findings file', async () => {
    hub.on(CreateInsightCommand).resolves({ InsightArn: 'arn:x' });
    const result = await cli(['insights', '--insight', 'top-accounts', '--create', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).Created).toEqual({ InsightArn: 'arn:x', Region: 'us-east-1' });
    expect(hub.commandCalls(CreateInsightCommand)[0]?.args[0].input).toMatchObject({ Name: 'Top accounts by counts of findings', GroupByAttribute: 'AwsAccountId' });
  });

  it('reports a CreateInsight failure in one line and exits 3, without retrying a quota error', async () => {
    hub.on(CreateInsightCommand).rejects(awsError('LimitExceededException', 429, 'You have reached the limit of 100 insights'));
    const result = await cli(['insights', '--insight', 'top-accounts', '--create']);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe('hubcheck: CreateInsight failed in us-east-1 (LimitExceededException): You have reached the limit of 100 insights\n');
    expect(hub.commandCalls(CreateInsightCommand)).toHaveLength(1);
  });

  it.each([
    [['insights'], /missing FILE/],
    [['insights', 'f.json', '--insight', 'severity', '--filters', 'x.json'], /use --insight or --filters, not both/],
    [['insights', 'f.json', '--insight', 'no-such-insight'], /unknown insight no-such-insight; hubcheck insights --managed lists them/],
    [['insights', 'f.json', '--group-by', 'Colour'], /unknown group-by attribute Colour/],
    [['insights', '--managed', '--create'], /--managed lists the managed insights; use it alone/],
    [['insights', 'f.json', '--now', 'teatime'], /--now teatime: not a date/],
    [['insights', '--create', '--group-by', 'ResourceId'], /--create needs --name/],
    [['insights', '--create', '--name', 'x', '--group-by', 'Title'], /--create: group-by Title works locally, but is not known to be accepted by CreateInsight/],
    [['insights', '/nonexistent/f.json'], /cannot read \/nonexistent\/f.json: ENOENT/],
    [['insights', 'f.json', '--region', 'atlantis'], /atlantis is not a Region name/],
  ])('hubcheck %j: one line, exit 2', async (args, pattern) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(pattern);
    expect(hub.calls()).toHaveLength(0);
  });

  it.each([
    [{ Title: [{ Comparison: 'EQUALS', Value: 'a' }, { Comparison: 'NOT_EQUALS', Value: 'b' }] }, /Title: EQUALS cannot be combined with NOT_EQUALS on the same field/],
    [{ SeverityLable: [{ Comparison: 'EQUALS', Value: 'HIGH' }] }, /unknown filter key SeverityLable; did you mean SeverityLabel\?/],
  ])('rejects bad filters in one line, exit 2: %j', async (filters, pattern) => {
    const f = await write(`bad-${Math.random()}.json`, filters);
    const result = await cli(['insights', findingsFile, '--filters', f]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(pattern);
  });

  it('refuses to send CONTAINS to CreateInsight', async () => {
    const f = await write('contains-create.json', { Name: 'x', Filters: { Title: [{ Comparison: 'CONTAINS', Value: 'look' }] } });
    const result = await cli(['insights', '--filters', f, '--create']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--create: Title\[0\]: CONTAINS is documented for automation rules only.*hubcheck does not send it/);
    expect(hub.calls()).toHaveLength(0);
  });
});
