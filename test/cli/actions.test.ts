/** `hubcheck actions` in-process; CreateActionTarget and STS through aws-sdk-client-mock (moto has no CreateActionTarget). */
import { afterEach, describe, expect, it } from 'vitest';
import { CreateActionTargetCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { cli } from '../helpers/cli.js';
import { awsError } from '../helpers/securityhub.js';

const hub = mockClient(SecurityHubClient);
const sts = mockClient(STSClient);
afterEach(() => {
  hub.reset();
  sts.reset();
});

describe('hubcheck actions create', () => {
  it('creates the custom action and prints the event pattern that matches its events', async () => {
    hub.on(CreateActionTargetCommand).resolves({ ActionTargetArn: 'arn:aws:securityhub:eu-west-1:123456789012:action/custom/SendToJira' });
    const result = await cli(['actions', 'create', '--name', 'Send to Jira', '--description', 'Opens a Jira ticket.', '--id', 'SendToJira', '--region', 'eu-west-1']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({
      source: ['aws.securityhub'],
      'detail-type': ['Security Hub Findings - Custom Action'],
      resources: ['arn:aws:securityhub:eu-west-1:123456789012:action/custom/SendToJira'],
    });
    const calls = hub.commandCalls(CreateActionTargetCommand);
    expect(calls.map((c) => c.args[0].input)).toEqual([{ Name: 'Send to Jira', Description: 'Opens a Jira ticket.', Id: 'SendToJira' }]);
    expect(await calls[0]?.thisValue.config.region()).toBe('eu-west-1');
  });

  it('reports a refusal in one line and exits 3; a quota error is not retried', async () => {
    hub.on(CreateActionTargetCommand).rejects(awsError('LimitExceededException', 429, 'You have reached the limit of 50 custom actions'));
    const result = await cli(['actions', 'create', '--name', 'Triage', '--description', 'Sends to triage.', '--id', 'Triage']);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe('hubcheck: CreateActionTarget failed in us-east-1 (LimitExceededException): You have reached the limit of 50 custom actions\n');
    expect(hub.commandCalls(CreateActionTargetCommand)).toHaveLength(1);
  });

  it.each([
    [['--name', 'x'.repeat(21), '--description', 'd', '--id', 'Ok1'], /--name must be at most 20 characters \(is 21\)/],
    [['--name', 'Jira', '--description', 'd', '--id', 'send-to-jira'], /--id must be letters and digits only \(is "send-to-jira"\)/],
    [['--name', 'Jira', '--description', 'd', '--id', 'A'.repeat(21)], /--id must be at most 20 characters \(is 21\)/],
    [['--name', 'Jira', '--description', '   ', '--id', 'Jira'], /--description must not be empty/],
    [['--name', 'Jira', '--description', 'd'], /required option '--id <id>' not specified/],
    [['--name', 'Jira', '--description', 'd', '--id', 'Jira', '--region', 'moon'], /moon is not a Region name/],
  ])('rejects %j in one line, exit 2, calling nothing', async (args, pattern) => {
    const result = await cli(['actions', 'create', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(pattern);
    expect(hub.calls()).toHaveLength(0);
  });
});

describe('hubcheck actions pattern', () => {
  it('--imported: hubcheck\'s ACTIVE FAILED findings of the default product, by severity', async () => {
    const result = await cli(['actions', 'pattern', '--imported', '--severity', 'high,CRITICAL', '--region', 'us-east-1', '--account', '111122223333']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      source: ['aws.securityhub'],
      'detail-type': ['Security Hub Findings - Imported'],
      detail: {
        findings: {
          ProductArn: ['arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default'],
          GeneratorId: [{ prefix: 'hubcheck/' }],
          RecordState: ['ACTIVE'],
          Compliance: { Status: ['FAILED'] },
          Severity: { Label: ['HIGH', 'CRITICAL'] },
        },
      },
    });
    expect(sts.calls()).toHaveLength(0);
  });

  it('--imported without --account asks STS, and takes the partition from the caller', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '222233334444', Arn: 'arn:aws-us-gov:iam::222233334444:user/me' });
    const result = await cli(['actions', 'pattern', '--imported', '--compliance', 'FAILED,WARNING', '--region', 'us-gov-west-1']);
    expect(result.code).toBe(0);
    const pattern = JSON.parse(result.stdout);
    expect(pattern.detail.findings.ProductArn).toEqual(['arn:aws-us-gov:securityhub:us-gov-west-1:222233334444:product/222233334444/default']);
    expect(pattern.detail.findings.Compliance).toEqual({ Status: ['FAILED', 'WARNING'] });
    expect(pattern.detail.findings.Severity).toBeUndefined();
  });

  it('--id: the pattern of an existing custom action', async () => {
    const result = await cli(['actions', 'pattern', '--id', 'SendToJira', '--region', 'eu-west-1', '--account', '111122223333']);
    expect(JSON.parse(result.stdout).resources).toEqual(['arn:aws:securityhub:eu-west-1:111122223333:action/custom/SendToJira']);
  });

  it('says so in one line when the account cannot be found', async () => {
    sts.on(GetCallerIdentityCommand).rejects(awsError('InvalidClientTokenId', 403, 'The security token included in the request is invalid.'));
    const result = await cli(['actions', 'pattern', '--imported']);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe('hubcheck: cannot determine the account (InvalidClientTokenId): The security token included in the request is invalid.; pass --account\n');
  });

  it.each([
    [['--imported', '--id', 'X'], /use exactly one of --imported and --id/],
    [[], /use exactly one of --imported and --id/],
    [['--id', 'X', '--severity', 'HIGH'], /--severity and --compliance go with --imported/],
    [['--imported', '--account', '1234'], /expected a 12-digit account id/],
    [['--imported', '--severity', 'urgent'], /use one of INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL/],
    [['--imported', '--compliance', 'OK'], /use one of PASSED, WARNING, FAILED, NOT_AVAILABLE/],
    [['--id', 'bad-id', '--account', '111122223333'], /--id must be letters and digits only/],
  ])('rejects %j in one line, exit 2', async (args, pattern) => {
    const result = await cli(['actions', 'pattern', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(pattern);
    expect(sts.calls()).toHaveLength(0);
  });

  it('rejects an unknown subcommand in one line, exit 2', async () => {
    const result = await cli(['actions', 'frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("error: unknown command 'frobnicate'\n");
  });
});
