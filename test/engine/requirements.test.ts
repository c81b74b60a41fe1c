import { describe, expect, it } from 'vitest';
import { MANUAL_REQUIREMENTS, compareRequirements } from '../../src/engine/cis-catalog.js';
import { requirementsOf } from '../../src/engine/requirements.js';
import { defineRule } from '../../src/engine/rule.js';

const rule = (id: string, cis: Record<string, string>, extra: Partial<Parameters<typeof defineRule>[0]> = {}) =>
  defineRule({
    id,
    title: `title of ${id}`,
    securityHubControlId: 'X.1',
    severity: 'LOW',
    cis,
    scope: 'account',
    resourceType: 'AwsAccount',
    requiredActions: [],
    remediation: { text: 't', url: 'https://example.com' },
    async evaluate() {
      return [];
    },
    ...extra,
  } as Parameters<typeof defineRule>[0]);

describe('requirementsOf', () => {
  it('merges automated requirements from rules with manual ones from the catalog, in benchmark order', () => {
    const entries = requirementsOf(
      [rule('a', { '5.0.0': '1.4' }), rule('b', { '5.0.0': '2.1.4' }), rule('c', { '5.0.0': '2.1.4' }), rule('iam-user-no-initial-access-key', { '5.0.0': '1.10' }, { securityHubControlId: null, cisStatus: { '5.0.0': 'M' } })],
      '5.0.0',
    );
    expect(entries.find((e) => e.id === '2.1.4')?.rules.map((r) => r.id)).toEqual(['b', 'c']);
    expect(entries.find((e) => e.id === '1.10')).toEqual({
      id: '1.10',
      title: 'Do not set up access keys during initial user setup for IAM users with a console password',
      automated: false,
      rules: [],
      manualStatus: 'M',
      relatedRule: 'iam-user-no-initial-access-key',
    });
    const ids = entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort(compareRequirements));
  });

  it('never lists a manual item twice per version', () => {
    for (const version of ['1.2.0', '1.4.0', '3.0.0', '5.0.0'] as const) {
      const ids = MANUAL_REQUIREMENTS.filter((m) => m.version === version).map((m) => m.id);
      expect(new Set(ids).size, version).toBe(ids.length);
    }
  });

  it('orders requirement numbers numerically', () => {
    expect(['2.1.1', '1.10', '1.2', '10.1', '1.2.1'].sort(compareRequirements)).toEqual(['1.2', '1.2.1', '1.10', '2.1.1', '10.1']);
  });
});
