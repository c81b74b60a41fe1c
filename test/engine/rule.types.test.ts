/**
 * defineRule's types: incomplete or wrong metadata must not compile. The
 * `@ts-expect-error` lines are checked by `npm run typecheck` (part of npm
 * test): if one of them stopped being an error, the type check would fail.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';

const complete = {
  id: 'types-demo',
  title: 'Types demo',
  securityHubControlId: null,
  severity: 'LOW',
  cis: { '5.0.0': '1.1' },
  scope: 'account',
  resourceType: 'AwsAccount',
  requiredActions: ['iam:GetAccountSummary'],
  remediation: { text: 't', url: 'https://example.com' },
  async evaluate() {
    return [];
  },
} as const;

describe('defineRule types', () => {
  it('accepts complete metadata and types params from the definition', () => {
    const rule = defineRule({
      ...complete,
      params: { maxDays: 45 },
      async evaluate(ctx) {
        expectTypeOf(ctx.params.maxDays).toEqualTypeOf<number>();
        expectTypeOf(ctx).toMatchTypeOf<RuleContext<{ maxDays: number }>>();
        return [];
      },
    });
    expect(rule.params).toEqual({ maxDays: 45 });
    expect(defineRule(complete).params).toEqual({});
  });

  it('rejects incomplete or wrong metadata at compile time', () => {
    const { title: _title, ...withoutTitle } = complete;
    const { remediation: _remediation, ...withoutRemediation } = complete;
    const { securityHubControlId: _control, ...withoutControl } = complete;
    const { requiredActions: _actions, ...withoutActions } = complete;
    const attempts = [
      // @ts-expect-error title is required
      () => defineRule(withoutTitle),
      // @ts-expect-error remediation is required
      () => defineRule(withoutRemediation),
      // @ts-expect-error securityHubControlId must be given, null for CIS-only rules
      () => defineRule(withoutControl),
      // @ts-expect-error requiredActions is required
      () => defineRule(withoutActions),
      // @ts-expect-error INFORMATIONAL is not the severity of a failure
      () => defineRule({ ...complete, severity: 'INFORMATIONAL' }),
      // @ts-expect-error scope is account or region
      () => defineRule({ ...complete, scope: 'global' }),
      // @ts-expect-error 2.0.0 is not a benchmark version
      () => defineRule({ ...complete, cis: { '2.0.0': '1.1' } }),
      // @ts-expect-error evaluate must return results
      () => defineRule({ ...complete, evaluate: async () => 'PASSED' }),
    ];
    expect(attempts).toHaveLength(8);
  });
});
