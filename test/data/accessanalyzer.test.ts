/**
 * Access Analyzer reads. moto has no Access Analyzer (HTTP 500 with an HTML
 * body), so IAM.28's PASSED and FAILED outcomes are tested here, through the
 * real data layer and engine with the SDK client mocked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { AccessAnalyzerClient, AccessDeniedException, ListAnalyzersCommand, type AnalyzerSummary } from '@aws-sdk/client-accessanalyzer';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import analyzerRule from '../../rules/iam/iam-external-access-analyzer-enabled.js';
import { PromiseCache } from '../../src/data/cache.js';
import { DataUnavailable } from '../../src/data/errors.js';
import { scanAccount } from '../../src/engine/scan.js';
import { mockedLiveSource } from '../helpers/live.js';
import { silentLogger } from '../helpers/rule-harness.js';

const analyzer = mockClient(AccessAnalyzerClient);
const sts = mockClient(STSClient);
afterEach(() => {
  analyzer.reset();
  sts.reset();
});

const summary = (name: string, type: string, status: string): AnalyzerSummary => ({
  arn: `arn:aws:access-analyzer:us-east-1:123456789012:analyzer/${name}`,
  name,
  type: type as AnalyzerSummary['type'],
  status: status as AnalyzerSummary['status'],
  createdAt: new Date('2026-01-01T00:00:00Z'),
});

/** The region a mocked call was made in (each Region has its own client). */
async function regionOf(call: { thisValue: unknown }): Promise<string> {
  return (call.thisValue as AccessAnalyzerClient).config.region();
}

describe('Access Analyzer accessors', () => {
  it('lists every analyzer of a Region across pages, once per Region', async () => {
    analyzer
      .on(ListAnalyzersCommand)
      .resolvesOnce({ analyzers: [summary('unused', 'ACCOUNT_UNUSED_ACCESS', 'ACTIVE')], nextToken: 't' })
      .resolves({ analyzers: [{ ...summary('external', 'ACCOUNT', 'FAILED'), statusReason: { code: 'AWS_SERVICE_ACCESS_DISABLED' } }] });
    const { data } = mockedLiveSource();
    const [first, again] = await Promise.all([data('us-east-1').accessanalyzer.analyzers(), data('us-east-1').accessanalyzer.analyzers()]);
    expect(again).toBe(first);
    expect(first).toEqual([
      { arn: 'arn:aws:access-analyzer:us-east-1:123456789012:analyzer/external', name: 'external', type: 'ACCOUNT', status: 'FAILED', statusReason: 'AWS_SERVICE_ACCESS_DISABLED' },
      { arn: 'arn:aws:access-analyzer:us-east-1:123456789012:analyzer/unused', name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE', statusReason: null },
    ]);
    expect(analyzer.commandCalls(ListAnalyzersCommand)).toHaveLength(2);
    await data('eu-west-1').accessanalyzer.analyzers();
    const calls = analyzer.commandCalls(ListAnalyzersCommand);
    expect(calls).toHaveLength(3);
    expect(await regionOf(calls[2]!)).toBe('eu-west-1');
  });

  it('turns a denied call into a DataUnavailable naming access-analyzer:ListAnalyzers', async () => {
    analyzer.on(ListAnalyzersCommand).rejects(new AccessDeniedException({ $metadata: { httpStatusCode: 403 }, message: 'denied' }));
    const { data } = mockedLiveSource();
    const error = await data('eu-west-1').accessanalyzer.analyzers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataUnavailable);
    expect(error).toMatchObject({ action: 'access-analyzer:ListAnalyzers', reason: 'access-denied', region: 'eu-west-1' });
  });
});

describe('iam-external-access-analyzer-enabled (IAM.28) through the live data layer', () => {
  async function scan() {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/auditor', UserId: 'AIDA' });
    const { source } = mockedLiveSource();
    const result = await scanAccount(source, new PromiseCache(), {
      rules: [analyzerRule],
      benchmarks: ['5.0.0'],
      homeRegion: 'us-east-1',
      regions: ['us-east-1', 'eu-west-1'],
      now: new Date('2026-11-27T12:00:00Z'),
      logger: silentLogger,
    });
    return Object.fromEntries(result.evaluations.map((e) => [e.region, e.results.map((r) => [r.status, r.reasonCode ?? null])]));
  }

  it('passes a Region with an active external access analyzer and fails one with only an unused-access analyzer', async () => {
    analyzer.on(ListAnalyzersCommand).callsFake(async (_input, getClient: () => AccessAnalyzerClient) => {
      return (await getClient().config.region()) === 'us-east-1'
        ? { analyzers: [summary('external', 'ACCOUNT', 'ACTIVE')] }
        : { analyzers: [summary('unused', 'ACCOUNT_UNUSED_ACCESS', 'ACTIVE')] };
    });
    expect(await scan()).toEqual({
      'us-east-1': [['PASSED', 'EXTERNAL_ACCESS_ANALYZER_ACTIVE']],
      'eu-west-1': [['FAILED', 'NO_EXTERNAL_ACCESS_ANALYZER']],
    });
  });

  it('is NOT_AVAILABLE where the service answers with an error page (what moto does)', async () => {
    const htmlError = Object.assign(new SyntaxError('Unexpected token < in JSON at position 0'), { $metadata: { httpStatusCode: 500 } });
    analyzer.on(ListAnalyzersCommand).rejects(htmlError);
    const statuses = await scan();
    expect(statuses['us-east-1']?.[0]).toEqual(['NOT_AVAILABLE', 'DATA_UNAVAILABLE']);
    expect(statuses['eu-west-1']?.[0]).toEqual(['NOT_AVAILABLE', 'DATA_UNAVAILABLE']);
  });
});
