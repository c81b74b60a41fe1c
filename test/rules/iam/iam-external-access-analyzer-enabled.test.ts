import { expect } from 'vitest';
import rule from '../../../rules/iam/iam-external-access-analyzer-enabled.js';
import type { AnalyzerInfo } from '../../../src/data/accessanalyzer.js';
import type { Json } from '../../../src/data/accessor.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import { testRule, type RuleCase } from '../../helpers/rule-tester.js';

const ACCOUNT = `AWS::::Account:${TEST_ACCOUNT}`;
const analyzer = (name: string, type: string, status = 'ACTIVE'): AnalyzerInfo => ({
  arn: `arn:aws:access-analyzer:us-east-1:123456789012:analyzer/${name}`,
  name,
  type,
  status,
  statusReason: null,
});
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const byRegion: Record<string, AnalyzerInfo[]> = {
  'us-east-1': [analyzer('account', 'ACCOUNT')],
  'eu-west-1': [analyzer('org', 'ORGANIZATION'), analyzer('unused', 'ACCOUNT_UNUSED_ACCESS')],
  'ap-southeast-2': [],
};
const notExternal = (type: string): RuleCase => ({
  name: `a ${type} analyzer does not count`,
  fixture: { 'accessanalyzer.analyzers': [analyzer('other', type)] },
  results: { resource: ACCOUNT, region: 'us-east-1', reasonCode: 'NO_EXTERNAL_ACCESS_ANALYZER' },
});

testRule(rule, {
  passed: [
    {
      name: 'covers CIS v1.4.0 1.20 as an extra requirement',
      fixture: { 'accessanalyzer.analyzers': [analyzer('account', 'ACCOUNT')] },
      options: { benchmarks: ['1.4.0', '3.0.0'] },
      results: { resource: ACCOUNT, reasonCode: 'EXTERNAL_ACCESS_ANALYZER_ACTIVE' },
      check: ({ findings }) =>
        expect(findings[0]?.Compliance?.RelatedRequirements).toEqual([
          'CIS AWS Foundations Benchmark v1.4.0/1.20',
          'CIS AWS Foundations Benchmark v3.0.0/1.20',
        ]),
    },
  ],
  failed: [
    {
      name: 'one result per Region, on the account in that Region',
      fixture: { 'accessanalyzer.analyzers': (_args: Json[], region: string) => byRegion[region] },
      options: { regions: REGIONS },
      results: [
        { resource: ACCOUNT, region: 'ap-southeast-2', reasonCode: 'NO_EXTERNAL_ACCESS_ANALYZER' },
        {
          resource: ACCOUNT,
          region: 'eu-west-1',
          status: 'PASSED',
          reasonCode: 'EXTERNAL_ACCESS_ANALYZER_ACTIVE',
          evidence: { analyzers: 2, externalAccessAnalyzers: 1, activeExternalAccessAnalyzers: 'org (ORGANIZATION)' },
        },
        { resource: ACCOUNT, region: 'us-east-1', status: 'PASSED', reasonCode: 'EXTERNAL_ACCESS_ANALYZER_ACTIVE' },
      ],
      check: ({ findings }) => {
        expect(findings.map((f) => f.Resources?.[0]?.Region)).toEqual(['ap-southeast-2', 'eu-west-1', 'us-east-1']);
        expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsAccount', Id: ACCOUNT });
        expect(findings[0]?.Severity?.Label).toBe('HIGH');
      },
    },
    notExternal('ACCOUNT_UNUSED_ACCESS'),
    notExternal('ORGANIZATION_UNUSED_ACCESS'),
    notExternal('ACCOUNT_INTERNAL_ACCESS'),
    {
      name: 'the external access analyzers are not active',
      fixture: { 'accessanalyzer.analyzers': [analyzer('broken', 'ACCOUNT', 'FAILED'), analyzer('new', 'ORGANIZATION', 'CREATING')] },
      results: {
        resource: ACCOUNT,
        reasonCode: 'ANALYZER_NOT_ACTIVE',
        reason: 'Region us-east-1 has external access analyzers, but none is active (broken: FAILED, new: CREATING).',
      },
    },
  ],
  notAvailable: [
    {
      name: 'only in the Region whose read failed',
      fixture: {
        'accessanalyzer.analyzers': (_args: Json[], region: string) =>
          region === 'eu-west-1' ? denied('access-analyzer:ListAnalyzers', 'eu-west-1') : [analyzer('a', 'ACCOUNT')],
      },
      options: { regions: ['us-east-1', 'eu-west-1'] },
      results: [
        {
          resource: ACCOUNT,
          region: 'eu-west-1',
          reasonCode: 'ACCESS_DENIED',
          action: 'access-analyzer:ListAnalyzers',
          reason: 'Missing permission access-analyzer:ListAnalyzers (AccessDenied)',
        },
        { resource: ACCOUNT, region: 'us-east-1', status: 'PASSED', reasonCode: 'EXTERNAL_ACCESS_ANALYZER_ACTIVE' },
      ],
    },
  ],
});
