/**
 * `hubcheck import` in-process, with Security Hub and STS behind
 * aws-sdk-client-mock: a corpus of invalid files (each one a clear error with
 * its JSON path, exit 2, and no AWS call at all), batching of a large valid
 * file, filling from the caller's identity, and BatchImportFindings' answer.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BatchImportFindingsCommand, DescribeHubCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { minimal } from '../helpers/asff-samples.js';
import { cli } from '../helpers/cli.js';
import { awsError } from '../helpers/securityhub.js';

const hub = mockClient(SecurityHubClient);
const sts = mockClient(STSClient);
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-import-'));
});
beforeEach(() => {
  hub.on(DescribeHubCommand).resolves({ HubArn: 'arn:aws:securityhub:us-east-1:123456789012:hub/default' });
  hub.on(BatchImportFindingsCommand).callsFake((input: { Findings: AwsSecurityFinding[] }) => ({
    FailedCount: 0,
    SuccessCount: input.Findings.length,
    FailedFindings: [],
  }));
  sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333', Arn: 'arn:aws:iam::111122223333:user/me' });
});
afterEach(() => {
  hub.reset();
  sts.reset();
});

let n = 0;
async function file(content: unknown): Promise<string> {
  const f = path.join(dir, `f${++n}.json`);
  await writeFile(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
}
const awsCalls = () => hub.calls().length + sts.calls().length;

type Mutation = [name: string, mutate: (f: Record<string, unknown>) => void, path: string, message: RegExp];
const set = (key: string, value: unknown) => (f: Record<string, unknown>) => void (f[key] = value);
const del = (key: string) => (f: Record<string, unknown>) => void delete f[key];
const many = <T,>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
const resource = (extra: Record<string, unknown>) => set('Resources', [{ Type: 'Other', Id: 'my-thing', ...extra }]);

const corpus: Mutation[] = [
  // Every required field missing (ProductArn and AwsAccountId are filled instead: see below).
  ...(['SchemaVersion', 'Id', 'GeneratorId', 'Types', 'CreatedAt', 'UpdatedAt', 'Severity', 'Title', 'Description', 'Resources'] as const).map(
    (k): Mutation => [`missing ${k}`, del(k), `$[1].${k}`, /is required/],
  ),
  // Every limit exceeded.
  ['Title of 257', set('Title', 'x'.repeat(257)), '$[1].Title', /at most 256 characters \(is 257\)/],
  ['Description of 1025', set('Description', 'x'.repeat(1025)), '$[1].Description', /at most 1024/],
  ['Id of 513', set('Id', 'x'.repeat(513)), '$[1].Id', /at most 512/],
  ['GeneratorId of 513', set('GeneratorId', 'x'.repeat(513)), '$[1].GeneratorId', /at most 512/],
  ['51 Types', set('Types', many(51, () => 'Effects/Data Exposure')), '$[1].Types', /at most 50 items/],
  ['33 Resources', set('Resources', many(33, (i) => ({ Type: 'Other', Id: `r${i}` }))), '$[1].Resources', /at most 32 items/],
  ['51 ProductFields', set('ProductFields', Object.fromEntries(many(51, (i) => [`k${i}`, 'v'] as const))), '$[1].ProductFields', /at most 50 entries/],
  ['ProductFields value of 2049', set('ProductFields', { k: 'x'.repeat(2049) }), '$[1].ProductFields["k"]', /at most 2048/],
  ['51 UserDefinedFields', set('UserDefinedFields', Object.fromEntries(many(51, (i) => [`k${i}`, 'v'] as const))), '$[1].UserDefinedFields', /at most 50 entries/],
  ['Recommendation.Text of 513', set('Remediation', { Recommendation: { Text: 'x'.repeat(513) } }), '$[1].Remediation.Recommendation.Text', /at most 512/],
  ['33 RelatedRequirements', set('Compliance', { Status: 'FAILED', RelatedRequirements: many(33, (i) => `r${i}`) }), '$[1].Compliance.RelatedRequirements', /at most 32/],
  ['21 AssociatedStandards', set('Compliance', { Status: 'FAILED', AssociatedStandards: many(21, () => ({ StandardsId: 's' })) }), '$[1].Compliance.AssociatedStandards', /at most 20/],
  ['Severity.Original of 65', set('Severity', { Label: 'LOW', Original: 'x'.repeat(65) }), '$[1].Severity.Original', /at most 64/],
  ['Resources[0].Type of 257', resource({ Type: 'x'.repeat(257) }), '$[1].Resources[0].Type', /at most 256/],
  ['Details.Other value of 1025', resource({ Details: { Other: { k: 'x'.repeat(1025) } } }), '$[1].Resources[0].Details.Other["k"]', /at most 1024/],
  ['a field of 32768 characters', resource({ Id: 'x'.repeat(32_768) }), '$[1].Resources[0].Id', /at most 32767|under 32768/],
  ['11 RelatedFindings', set('RelatedFindings', many(11, (i) => ({ ProductArn: minimal().ProductArn, Id: `r${i}` }))), '$[1].RelatedFindings', /at most 10/],
  ['Note.Text of 513', set('Note', { Text: 'x'.repeat(513), UpdatedBy: 'me', UpdatedAt: '2026-11-27T10:00:00Z' }), '$[1].Note.Text', /at most 512/],
  // Wrong types.
  ['Title a number', set('Title', 42), '$[1].Title', /must be a string, not number 42/],
  ['Resources an object', set('Resources', { Type: 'Other', Id: 'x' }), '$[1].Resources', /must be an array/],
  ['Types a string', set('Types', 'Effects'), '$[1].Types', /must be an array/],
  ['Severity a string', set('Severity', 'HIGH'), '$[1].Severity', /must be an object/],
  ['CreatedAt a number', set('CreatedAt', 1_764_237_600), '$[1].CreatedAt', /RFC 3339/],
  ['AwsAccountId a number', set('AwsAccountId', 123456789012), '$[1].AwsAccountId', /12-digit/],
  ['Sample a string', set('Sample', 'yes'), '$[1].Sample', /boolean/],
  ['Confidence a string', set('Confidence', 'high'), '$[1].Confidence', /integer from 0 to 100/],
  ['an unknown field', set('Colour', 'blue'), '$[1].Colour', /not an ASFF field/],
  // Empty values.
  ['empty Title', set('Title', ''), '$[1].Title', /must not be empty/],
  ['blank Description', set('Description', '   '), '$[1].Description', /must not be empty/],
  ['empty ProductArn (present, so not filled)', set('ProductArn', ''), '$[1].ProductArn', /must not be empty/],
  ['empty AwsAccountId', set('AwsAccountId', ''), '$[1].AwsAccountId', /12-digit/],
  ['empty Resources[0].Id', resource({ Id: '' }), '$[1].Resources[0].Id', /must not be empty/],
  ['empty Tags map', resource({ Tags: {} }), '$[1].Resources[0].Tags', /must not be an empty object/],
  ['empty Types', set('Types', []), '$[1].Types', /at least 1 item/],
  ['empty Resources', set('Resources', []), '$[1].Resources', /at least 1 item/],
  // Size.
  ['a 250 KB finding', resource({ Details: { Other: Object.fromEntries(many(250, (i) => [`k${i}`, 'v'.repeat(1000)] as const)) } }), '$[1]', /bytes; a finding may be at most 240000 bytes/],
];

describe('hubcheck import: invalid input is rejected with its JSON path and nothing is sent', () => {
  it.each(corpus)('%s', async (_name, mutate, jsonPath, message) => {
    const bad: Record<string, unknown> = { ...minimal(), Id: 'custom-2' };
    mutate(bad);
    const f = await file([minimal(), bad]);
    const result = await cli(['import', f]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const line = result.stderr.split('\n').find((l) => l.startsWith(`${f}: ${jsonPath}: `));
    expect(line, result.stderr).toMatch(message);
    expect(result.stderr).toContain(`${f}: 1 of 2 findings invalid`);
    expect(result.stderr).toContain('nothing was sent');
    expect(awsCalls()).toBe(0);
  });

  it('rejects malformed JSON in one line', async () => {
    const result = await cli(['import', await file('[{"Id": "x",')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/not valid JSON/);
    expect(awsCalls()).toBe(0);
  });

  it('rejects the same Id twice, and a ProductArn outside an explicit --region', async () => {
    const dup = await cli(['import', await file([minimal(), minimal()])]);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('$[1].Id: repeats the Id of $[0] under the same ProductArn');
    const elsewhere = await cli(['import', await file(minimal()), '--region', 'eu-west-1']);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain('$.ProductArn: is in us-east-1 but --region is eu-west-1');
    expect(awsCalls()).toBe(0);
  });

  it.each([
    [['import'], /missing required argument 'file'/],
    [['import', 'f.json', '--region', 'mars'], /mars is not a Region name/],
    [['import', '/nonexistent/findings.json'], /cannot read \/nonexistent\/findings.json: ENOENT/],
    [['import', 'f.json', '--bogus'], /unknown option '--bogus'/],
  ])('hubcheck %j: one line, exit 2', async (args, pattern) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(pattern);
  });
});

describe('hubcheck import: sending', () => {
  it('sends 1,000 valid findings in 10 requests of 100 and prints BatchImportFindings\' answer', async () => {
    const findings = Array.from({ length: 1000 }, (_, i) => ({ ...minimal(), Id: `custom-${i}` }));
    const result = await cli(['import', await file(findings)]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ FailedCount: 0, SuccessCount: 1000, FailedFindings: [] });
    const calls = hub.commandCalls(BatchImportFindingsCommand);
    expect(calls.map((c) => c.args[0].input.Findings?.length)).toEqual(Array(10).fill(100));
    expect(calls.flatMap((c) => c.args[0].input.Findings?.map((f) => f.Id))).toEqual(findings.map((f) => f.Id));
    expect(hub.commandCalls(DescribeHubCommand)).toHaveLength(1);
    expect(sts.calls()).toHaveLength(0);
  });

  it('fills a missing AwsAccountId and ProductArn from the caller\'s identity, in the --region given', async () => {
    const { ProductArn: _p, AwsAccountId: _a, ...bare } = minimal();
    const result = await cli(['import', await file(bare), '--region', 'eu-west-1']);
    expect(result.code).toBe(0);
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(1);
    const sent = hub.commandCalls(BatchImportFindingsCommand)[0]?.args[0].input.Findings?.[0];
    expect(sent).toMatchObject({ AwsAccountId: '111122223333', ProductArn: 'arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default' });
  });

  it('prints FailedFindings as the service returned them, and exits 3', async () => {
    hub.on(BatchImportFindingsCommand).resolves({
      FailedCount: 1,
      SuccessCount: 1,
      FailedFindings: [{ Id: 'custom-1', ErrorCode: 'InvalidInput', ErrorMessage: 'Finding does not adhere to Amazon Finding Format. data.Types[0] should match pattern' }],
    });
    const result = await cli(['import', await file([minimal(), { ...minimal(), Id: 'custom-2' }])]);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toEqual({
      FailedCount: 1,
      SuccessCount: 1,
      FailedFindings: [{ Id: 'custom-1', ErrorCode: 'InvalidInput', ErrorMessage: 'Finding does not adhere to Amazon Finding Format. data.Types[0] should match pattern' }],
    });
  });

  it('reports a Region without Security Hub: its findings failed with InvalidAccess, the other Region sent', async () => {
    hub.on(DescribeHubCommand).callsFake(async (_input, getClient) => {
      const region = await (getClient() as SecurityHubClient).config.region();
      if (region === 'eu-west-1') throw awsError('InvalidAccessException', 401, 'Account 123456789012 is not subscribed to AWS Security Hub');
      return { HubArn: 'arn' };
    });
    const eu = { ...minimal(), Id: 'eu-1', ProductArn: 'arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default' };
    const result = await cli(['import', await file([minimal(), eu])]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^hubcheck: Security Hub is not enabled in eu-west-1 for account 123456789012 \(InvalidAccessException: .*\); 1 finding not sent\n$/);
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({ FailedCount: 1, SuccessCount: 1, FailedFindings: [{ Id: 'eu-1', ErrorCode: 'InvalidAccess' }] });
    expect(hub.commandCalls(BatchImportFindingsCommand).map((c) => c.args[0].input.Findings?.map((f) => f.Id))).toEqual([['custom-1']]);
  });

  it('--dry-run validates and calls nothing', async () => {
    const { ProductArn: _p, ...noArn } = minimal();
    const f = await file([minimal(), { ...noArn, Id: 'custom-2' }]);
    const result = await cli(['import', f, '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${f}: 2 findings valid; 1 would get AwsAccountId/ProductArn from the caller's identity; nothing sent (--dry-run)\n`);
    expect(awsCalls()).toBe(0);
  });
});
