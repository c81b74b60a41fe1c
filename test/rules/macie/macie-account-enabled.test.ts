import { expect, it } from 'vitest';
import rule from '../../../rules/macie/macie-account-enabled.js';
import { builtInRules } from '../../../rules/index.js';
import { BENCHMARK_VERSIONS } from '../../../src/engine/benchmarks.js';
import { Registry } from '../../../src/engine/registry.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';

const ACCOUNT = `AWS::::Account:${TEST_ACCOUNT}`;
const session = (status: string) => ({ status, findingPublishingFrequency: 'FIFTEEN_MINUTES', createdAt: null, updatedAt: null });
const answers: Record<string, unknown> = { 'us-east-1': session('ENABLED'), 'eu-west-1': session('PAUSED'), 'ap-south-1': null };

testRule(rule, {
  passed: [
    {
      name: 'Macie is enabled',
      fixture: { 'macie2.session': session('ENABLED') },
      results: { resource: ACCOUNT, region: 'us-east-1', reasonCode: 'MACIE_ENABLED', reason: 'Amazon Macie is enabled in us-east-1.' },
    },
  ],
  failed: [
    {
      name: 'one result per Region: enabled passes, paused and not enabled fail',
      fixture: { 'macie2.session': (_args: unknown[], region: string) => answers[region] },
      options: { regions: ['us-east-1', 'eu-west-1', 'ap-south-1'] },
      results: [
        { resource: ACCOUNT, region: 'us-east-1', status: 'PASSED', reasonCode: 'MACIE_ENABLED' },
        { resource: ACCOUNT, region: 'eu-west-1', reasonCode: 'MACIE_NOT_ACTIVE', reason: 'Amazon Macie is paused in eu-west-1.' },
        { resource: ACCOUNT, region: 'ap-south-1', reasonCode: 'MACIE_NOT_ENABLED', reason: 'Amazon Macie is not enabled in ap-south-1.' },
      ],
      check: ({ findings }) => {
        expect(Object.fromEntries(findings.map((f) => [f.Resources?.[0]?.Region, f.Compliance?.Status]))).toEqual({
          'us-east-1': 'PASSED',
          'eu-west-1': 'FAILED',
          'ap-south-1': 'FAILED',
        });
        // In no Security Hub CIS standard: no related requirements, no associated standards.
        expect(findings[0]?.Compliance?.RelatedRequirements).toBeUndefined();
        expect(findings[0]?.Compliance?.SecurityControlId).toBe('Macie.1');
      },
    },
  ],
  notAvailable: [
    {
      name: 'the caller may not read the session (NOT_AVAILABLE, not FAILED)',
      fixture: { 'macie2.session': denied('macie2:GetMacieSession') },
      results: {
        resource: ACCOUNT,
        reasonCode: 'ACCESS_DENIED',
        action: 'macie2:GetMacieSession',
        reason: 'Missing permission macie2:GetMacieSession (AccessDenied)',
      },
    },
  ],
});

it('runs only when selected by id or control id, never for a benchmark', () => {
  const registry = new Registry(builtInRules);
  expect(registry.select({ benchmarks: [...BENCHMARK_VERSIONS] }).map((r) => r.id)).not.toContain('macie-account-enabled');
  expect(registry.select({ benchmarks: ['5.0.0'], include: ['Macie.1'] }).map((r) => r.id)).toEqual(['macie-account-enabled']);
});
