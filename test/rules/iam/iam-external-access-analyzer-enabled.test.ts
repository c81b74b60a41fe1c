import { describe, expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-external-access-analyzer-enabled.js';
import type { AnalyzerInfo } from '../../../src/data/accessanalyzer.js';
import type { Json } from '../../../src/data/accessor.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);
const analyzer = (name: string, type: string, status = 'ACTIVE'): AnalyzerInfo => ({
  arn: `arn:aws:access-analyzer:us-east-1:123456789012:analyzer/${name}`,
  name,
  type,
  status,
  statusReason: null,
});
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];

describe('iam-external-access-analyzer-enabled (IAM.28)', () => {
  it('gives one result per Region, on the account in that Region', async () => {
    const byRegion: Record<string, AnalyzerInfo[]> = {
      'us-east-1': [analyzer('account', 'ACCOUNT')],
      'eu-west-1': [analyzer('org', 'ORGANIZATION'), analyzer('unused', 'ACCOUNT_UNUSED_ACCESS')],
      'ap-southeast-2': [],
    };
    const { results, findings } = await run({ 'accessanalyzer.analyzers': (_args: Json[], region: string) => byRegion[region] }, { regions: REGIONS });
    expect(results.map((r) => [r.resource.region, r.status, r.reasonCode ?? null])).toEqual([
      ['ap-southeast-2', 'FAILED', 'NO_EXTERNAL_ACCESS_ANALYZER'],
      ['eu-west-1', 'PASSED', null],
      ['us-east-1', 'PASSED', null],
    ]);
    expect(findings.map((f) => f.Resources?.[0]?.Region)).toEqual(['ap-southeast-2', 'eu-west-1', 'us-east-1']);
    expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsAccount', Id: 'AWS::::Account:123456789012' });
    expect(findings[0]?.Severity?.Label).toBe('HIGH');
    expect(results[1]?.evidence).toMatchObject({ analyzers: 2, externalAccessAnalyzers: 1, activeExternalAccessAnalyzers: 'org (ORGANIZATION)' });
  });

  it.each([['ACCOUNT_UNUSED_ACCESS'], ['ORGANIZATION_UNUSED_ACCESS'], ['ACCOUNT_INTERNAL_ACCESS']])('does not count a %s analyzer', async (type) => {
    const { results } = await run({ 'accessanalyzer.analyzers': [analyzer('other', type)] });
    expect(results[0]).toMatchObject({ status: 'FAILED', reasonCode: 'NO_EXTERNAL_ACCESS_ANALYZER' });
  });

  it('fails when the external access analyzers are not active', async () => {
    const { results } = await run({ 'accessanalyzer.analyzers': [analyzer('broken', 'ACCOUNT', 'FAILED'), analyzer('new', 'ORGANIZATION', 'CREATING')] });
    expect(results[0]).toMatchObject({
      status: 'FAILED',
      reasonCode: 'ANALYZER_NOT_ACTIVE',
      reason: 'Region us-east-1 has external access analyzers, but none is active (broken: FAILED, new: CREATING).',
    });
  });

  it('covers CIS v1.4.0 1.20 as an extra requirement', async () => {
    const { findings } = await run({ 'accessanalyzer.analyzers': [] }, { benchmarks: ['1.4.0', '3.0.0'] });
    expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v1.4.0/1.20', 'CIS AWS Foundations Benchmark v3.0.0/1.20']);
  });

  it('is NOT_AVAILABLE only in the Region whose read failed', async () => {
    const { results } = await run(
      { 'accessanalyzer.analyzers': (_args: Json[], region: string) => (region === 'eu-west-1' ? denied('access-analyzer:ListAnalyzers', 'eu-west-1') : [analyzer('a', 'ACCOUNT')]) },
      { regions: ['us-east-1', 'eu-west-1'] },
    );
    expect(results.map((r) => [r.resource.region, r.status])).toEqual([
      ['eu-west-1', 'NOT_AVAILABLE'],
      ['us-east-1', 'PASSED'],
    ]);
    expect(results[0]?.reason).toBe('Missing permission access-analyzer:ListAnalyzers (AccessDenied)');
  });
});
