import { mockClient } from 'aws-sdk-client-mock';
import {
  GetFindingAggregatorCommand,
  GetFindingsCommand,
  ListFindingAggregatorsCommand,
  SecurityHubClient,
  type AwsSecurityFinding,
} from '@aws-sdk/client-securityhub';
import { afterEach, describe, expect, it } from 'vitest';
import { pullFindings } from '../../src/securityhub/pull.js';

const hub = mockClient(SecurityHubClient);
afterEach(() => hub.reset());

const finding = (id: string, product: string, severity = 'LOW'): AwsSecurityFinding => ({
  SchemaVersion: '2018-10-08',
  GeneratorId: 'g',
  CreatedAt: '2026-12-01T00:00:00Z',
  UpdatedAt: '2026-12-01T00:00:00Z',
  Title: id,
  Description: id,
  Resources: [{ Type: 'Other', Id: id }],
  Id: id,
  ProductArn: `arn:aws:securityhub:eu-west-1::product/aws/${product}`,
  AwsAccountId: '123456789012',
  Severity: { Label: severity as 'LOW' },
});
const noRetry = { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 };
const client = new SecurityHubClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });

describe('pullFindings', () => {
  it('reads the aggregation Region alone when one is configured, page by page, one copy per (product, Id)', async () => {
    hub.on(ListFindingAggregatorsCommand).resolves({ FindingAggregators: [{ FindingAggregatorArn: 'arn:agg' }] });
    hub.on(GetFindingAggregatorCommand).resolves({ FindingAggregationRegion: 'eu-west-1' });
    hub
      .on(GetFindingsCommand)
      .resolvesOnce({ Findings: [finding('a', 'guardduty'), finding('b', 'inspector')], NextToken: 't1' })
      .resolvesOnce({ Findings: [finding('a', 'guardduty'), finding('c', 'macie')] });
    const regions: string[] = [];
    const result = await pullFindings(
      (r) => {
        regions.push(r);
        return client;
      },
      { regions: [], homeRegion: 'us-east-1', filters: {}, now: new Date(), retry: noRetry },
    );
    expect(result.source).toEqual({ regions: ['eu-west-1'], aggregationRegion: 'eu-west-1' });
    expect(result.findings.map((f) => f.Id)).toEqual(['a', 'b', 'c']);
    expect(regions).toEqual(['us-east-1', 'eu-west-1']);
    expect(hub.commandCalls(GetFindingsCommand)[1]?.args[0].input.NextToken).toBe('t1');
  });

  it('applies the filters itself to what the service returns, and stops at max', async () => {
    hub.on(ListFindingAggregatorsCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    hub.on(GetFindingsCommand).resolves({ Findings: [finding('a', 'guardduty', 'HIGH'), finding('b', 'guardduty', 'LOW'), finding('c', 'macie', 'HIGH')] });
    const filters = { SeverityLabel: [{ Comparison: 'EQUALS' as const, Value: 'HIGH' }] };
    const result = await pullFindings(() => client, { regions: [], homeRegion: 'us-east-1', filters, now: new Date(), retry: noRetry });
    expect(result.source.regions).toEqual(['us-east-1']);
    expect(result.source.aggregatorNote).toMatch(/AccessDeniedException/);
    expect(result.findings.map((f) => f.Id)).toEqual(['a', 'c']);
    expect(result.filteredLocally).toBe(1);
    expect(hub.commandCalls(GetFindingsCommand)[0]?.args[0].input.Filters).toEqual(filters);

    const capped = await pullFindings(() => client, { regions: ['us-east-1'], homeRegion: 'us-east-1', filters: {}, now: new Date(), max: 2, retry: noRetry });
    expect(capped.findings).toHaveLength(2);
    expect(capped.truncated).toBe(true);
  });

  it('refuses an answer without a Findings list instead of reading it as none', async () => {
    hub.on(GetFindingsCommand).resolves({});
    await expect(pullFindings(() => client, { regions: ['us-east-1'], homeRegion: 'us-east-1', filters: {}, now: new Date(), retry: noRetry })).rejects.toThrow(
      /answered without a Findings list/,
    );
  });
});
