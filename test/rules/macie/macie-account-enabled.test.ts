import { describe, expect, it } from 'vitest';
import rule from '../../../rules/macie/macie-account-enabled.js';
import { builtInRules } from '../../../rules/index.js';
import { BENCHMARK_VERSIONS } from '../../../src/engine/benchmarks.js';
import { Registry } from '../../../src/engine/registry.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);
const session = (status: string) => ({ status, findingPublishingFrequency: 'FIFTEEN_MINUTES', createdAt: null, updatedAt: null });

describe('macie-account-enabled (Macie.1)', () => {
  it('gives one result per Region: enabled passes, paused and not enabled fail', async () => {
    const answers: Record<string, unknown> = { 'us-east-1': session('ENABLED'), 'eu-west-1': session('PAUSED'), 'ap-south-1': null };
    const { results, findings } = await run(
      { 'macie2.session': (_args: unknown[], region: string) => answers[region] },
      { regions: ['us-east-1', 'eu-west-1', 'ap-south-1'] },
    );
    expect(Object.fromEntries(findings.map((f) => [f.Resources?.[0]?.Region, f.Compliance?.Status]))).toEqual({
      'us-east-1': 'PASSED',
      'eu-west-1': 'FAILED',
      'ap-south-1': 'FAILED',
    });
    expect(results.find((r) => r.resource.region === 'eu-west-1')?.reason).toBe('Amazon Macie is paused in eu-west-1.');
    expect(results.find((r) => r.resource.region === 'ap-south-1')).toMatchObject({ reasonCode: 'MACIE_NOT_ENABLED', reason: 'Amazon Macie is not enabled in ap-south-1.' });
    // In no Security Hub CIS standard: no related requirements, no associated standards.
    expect(findings[0]?.Compliance?.RelatedRequirements).toBeUndefined();
    expect(findings[0]?.Compliance?.SecurityControlId).toBe('Macie.1');
  });

  it('is NOT_AVAILABLE, not FAILED, when the caller may not read the session', async () => {
    const { results } = await run({ 'macie2.session': denied('macie2:GetMacieSession') });
    expect(results).toMatchObject([{ status: 'NOT_AVAILABLE', reason: 'Missing permission macie2:GetMacieSession (AccessDenied)' }]);
  });

  it('runs only when selected by id or control id, never for a benchmark', () => {
    const registry = new Registry(builtInRules);
    expect(registry.select({ benchmarks: [...BENCHMARK_VERSIONS] }).map((r) => r.id)).not.toContain('macie-account-enabled');
    expect(registry.select({ benchmarks: ['5.0.0'], include: ['Macie.1'] }).map((r) => r.id)).toEqual(['macie-account-enabled']);
  });
});
