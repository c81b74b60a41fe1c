import { describe, expect, it } from 'vitest';
import rule from '../../../rules/rds/rds-instance-auto-minor-version-upgrade.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { instance } from './fixtures.js';

const run = ruleHarness(rule);

describe('rds-instance-auto-minor-version-upgrade (RDS.13)', () => {
  it('passes instances that upgrade minor versions, fails the others', async () => {
    const { results, findings } = await run({
      'rds.dbInstances': [instance('auto'), instance('pinned', { AutoMinorVersionUpgrade: false }), instance('unknown', { AutoMinorVersionUpgrade: undefined })],
    });
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([
      ['auto', 'PASSED'],
      ['pinned', 'FAILED'],
      ['unknown', 'NOT_AVAILABLE'],
    ]);
    expect(findings[1]?.Severity?.Label).toBe('HIGH');
    expect(findings[1]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v5.0.0/2.2.2']);
  });

  it('is NOT_AVAILABLE when the instances cannot be listed', async () => {
    const { results } = await run({ 'rds.dbInstances': denied('rds:DescribeDBInstances') });
    expect(results).toMatchObject([{ status: 'NOT_AVAILABLE' }]);
  });
});
