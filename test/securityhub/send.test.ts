/** BatchImportFindings through aws-sdk-client-mock: throttling, 5xx, partial FailedFindings, and nothing dropped. */
import { afterEach, describe, expect, it } from 'vitest';
import { BatchImportFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { TokenBucket } from '../../src/securityhub/rate-limiter.js';
import { importFindings } from '../../src/securityhub/send.js';
import { minimal } from '../helpers/asff-samples.js';
import { FakeClock, awsError } from '../helpers/securityhub.js';

const mock = mockClient(SecurityHubClient);
afterEach(() => mock.reset());

const findings = (n: number): AwsSecurityFinding[] => Array.from({ length: n }, (_, i) => ({ ...minimal(), Id: `f-${i}` }) as AwsSecurityFinding);
const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2000 };

function send(list: AwsSecurityFinding[]) {
  const clock = new FakeClock();
  const client = new SecurityHubClient({ region: 'us-east-1' });
  return importFindings(client, list, { bucket: new TokenBucket({ rate: 10, burst: 30 }, clock), clock, retry: policy });
}
const ok = (input: { Findings?: AwsSecurityFinding[] }) => ({ FailedCount: 0, SuccessCount: input.Findings?.length ?? 0, FailedFindings: [] });

describe('importFindings', () => {
  it('sends 250 findings in 3 requests and counts them all imported', async () => {
    mock.on(BatchImportFindingsCommand).callsFake(ok);
    const result = await send(findings(250));
    expect(mock.commandCalls(BatchImportFindingsCommand).map((c) => c.args[0].input.Findings?.length)).toEqual([100, 100, 50]);
    expect(result.imported).toHaveLength(250);
    expect(result.failed).toEqual([]);
  });

  it('retries a throttled request, then succeeds', async () => {
    mock
      .on(BatchImportFindingsCommand)
      .rejectsOnce(awsError('TooManyRequestsException', 429))
      .rejectsOnce(awsError('ThrottlingException', 400))
      .callsFake(ok);
    const result = await send(findings(5));
    expect(mock.commandCalls(BatchImportFindingsCommand)).toHaveLength(3);
    expect(result.imported).toHaveLength(5);
    expect(result.requests).toBe(3);
  });

  it('fails every finding of a request still throttled after every attempt, with the error code', async () => {
    mock.on(BatchImportFindingsCommand).rejects(awsError('TooManyRequestsException', 429, 'Rate exceeded'));
    const result = await send(findings(3));
    expect(mock.commandCalls(BatchImportFindingsCommand)).toHaveLength(4);
    expect(result.imported).toEqual([]);
    expect(result.failed.map((f) => f.error)).toEqual(
      ['f-0', 'f-1', 'f-2'].map((Id) => ({ Id, ErrorCode: 'TooManyRequestsException', ErrorMessage: 'Rate exceeded' })),
    );
  });

  it.each([
    ['an empty 200', {}],
    ['counts that do not add up to the batch', { SuccessCount: 3, FailedCount: 0, FailedFindings: [] }],
    ['counts that are not numbers', { SuccessCount: '4', FailedCount: 0 }],
    ['a FailedCount without its FailedFindings', { SuccessCount: 3, FailedCount: 1 }],
  ])('counts nothing as sent from %s: the whole batch fails MalformedResponse', async (_, answer) => {
    mock.on(BatchImportFindingsCommand).resolves(answer as never);
    const result = await send(findings(4));
    expect(result.imported).toEqual([]);
    expect(result.failed.map((f) => [f.error.Id, f.error.ErrorCode])).toEqual(['f-0', 'f-1', 'f-2', 'f-3'].map((id) => [id, 'MalformedResponse']));
  });

  it('does not retry a request denied outright', async () => {
    mock.on(BatchImportFindingsCommand).rejects(awsError('AccessDeniedException', 403, 'not authorized to perform: securityhub:BatchImportFindings'));
    const result = await send(findings(2));
    expect(mock.commandCalls(BatchImportFindingsCommand)).toHaveLength(1);
    expect(result.failed.map((f) => f.error.ErrorCode)).toEqual(['AccessDeniedException', 'AccessDeniedException']);
  });

  it('reads FailedFindings on a 200 answer: InvalidInput is reported at once, InternalFailure is sent again', async () => {
    mock
      .on(BatchImportFindingsCommand)
      .callsFakeOnce((input: { Findings: AwsSecurityFinding[] }) => ({
        FailedCount: 2,
        SuccessCount: input.Findings.length - 2,
        FailedFindings: [
          { Id: 'f-1', ErrorCode: 'InvalidInput', ErrorMessage: 'Finding does not adhere to Amazon Finding Format. data.Title should NOT be longer than 256 characters' },
          { Id: 'f-3', ErrorCode: 'InternalFailure', ErrorMessage: 'try again' },
        ],
      }))
      .callsFake(ok);
    const result = await send(findings(5));
    const calls = mock.commandCalls(BatchImportFindingsCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args[0].input.Findings?.map((f) => f.Id)).toEqual(['f-3']);
    expect(result.imported.map((f) => f.Id).sort()).toEqual(['f-0', 'f-2', 'f-3', 'f-4']);
    expect(result.failed.map((f) => f.error)).toEqual([
      { Id: 'f-1', ErrorCode: 'InvalidInput', ErrorMessage: 'Finding does not adhere to Amazon Finding Format. data.Title should NOT be longer than 256 characters' },
    ]);
  });

  it('reports a finding still failing with a retryable code after every round', async () => {
    mock.on(BatchImportFindingsCommand).callsFake((input: { Findings: AwsSecurityFinding[] }) => ({
      FailedCount: 1,
      SuccessCount: input.Findings.length - 1,
      FailedFindings: input.Findings.some((f) => f.Id === 'f-0') ? [{ Id: 'f-0', ErrorCode: 'InternalFailure', ErrorMessage: 'busy' }] : [],
    }));
    const result = await send(findings(2));
    expect(mock.commandCalls(BatchImportFindingsCommand)).toHaveLength(4);
    expect(result.imported.map((f) => f.Id)).toEqual(['f-1']);
    expect(result.failed.map((f) => f.error)).toEqual([{ Id: 'f-0', ErrorCode: 'InternalFailure', ErrorMessage: 'busy' }]);
  });

  it('retries a 5xx answer', async () => {
    mock.on(BatchImportFindingsCommand).rejectsOnce(awsError('InternalException', 500)).callsFake(ok);
    const result = await send(findings(1));
    expect(result.imported).toHaveLength(1);
    expect(mock.commandCalls(BatchImportFindingsCommand)).toHaveLength(2);
  });
});
