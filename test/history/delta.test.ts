/** computeDelta edge cases: what does not count as resolved, and which evaluations are clean. */
import { describe, expect, it } from 'vitest';
import { cleanScopes } from '../../src/cli/run-scan.js';
import { computeDelta, recordOf, scopeKey, type FindingRecord } from '../../src/history/delta.js';
import type { AccountScan } from '../../src/engine/scan.js';
import { accountResource, defineRule, fail, notAvailable } from '../../src/engine/rule.js';
import { finding } from '../helpers/findings.js';

const NOW = '2026-11-27T00:00:00.000Z';
const open = (spec: Parameters<typeof finding>[0]): FindingRecord => ({
  ...recordOf(finding(spec)),
  firstSeen: '2026-11-01T00:00:00.000Z',
  lastSeen: '2026-11-20T00:00:00.000Z',
  state: 'open',
});

describe('computeDelta', () => {
  it('does not resolve a failing finding that turns WARNING or NOT_AVAILABLE: its state is unknown', () => {
    const a = open({ resource: 'a' });
    const b = open({ resource: 'b' });
    const previous = new Map([a, b].map((r) => [r.id, r]));
    const result = computeDelta(previous, [finding({ resource: 'a', status: 'WARNING' }), finding({ resource: 'b', status: 'NOT_AVAILABLE' })], new Set(), NOW);
    expect(result.resolved).toEqual([]);
    expect(result.records.map((r) => [r.status, r.state])).toEqual([
      ['WARNING', 'open'],
      ['NOT_AVAILABLE', 'open'],
    ]);
    expect(result.events.map((e) => e.kind)).toEqual(['status', 'status']);
  });

  it('resolves a gone account-wide finding when its rule ran cleanly in any Region of the account', () => {
    const gone = open({ rule: 'iam-user-console-mfa-enabled', control: 'IAM.5', scope: 'account', resource: 'u', region: 'eu-west-1' });
    const previous = new Map([[gone.id, gone]]);
    expect(computeDelta(previous, [], new Set([scopeKey('iam-user-console-mfa-enabled', '123456789012', 'us-east-1')]), NOW).resolved).toEqual([]);
    const resolved = computeDelta(previous, [], new Set([scopeKey('iam-user-console-mfa-enabled', '123456789012', '*')]), NOW).resolved;
    expect(resolved.map((r) => [r.id, r.now])).toEqual([[gone.id, 'GONE']]);
  });

  it('does not resolve a gone finding of another account', () => {
    const other = open({ resource: 'x', account: '999999999999' });
    const result = computeDelta(new Map([[other.id, other]]), [], new Set([scopeKey('ec2-default-sg-closed', '123456789012', 'us-east-1')]), NOW);
    expect(result.resolved).toEqual([]);
    expect(result.records).toEqual([]);
  });
});

describe('cleanScopes', () => {
  const rule = (id: string, scope: 'account' | 'region') =>
    defineRule({
      id,
      title: id,
      securityHubControlId: null,
      severity: 'LOW',
      cis: {},
      scope,
      resourceType: 'AwsAccount',
      requiredActions: [],
      remediation: { text: 't', url: 'https://example.com' },
      evaluate: async () => [],
    });
  it('takes evaluations without a NOT_AVAILABLE result, and account-wide rules for the whole account', () => {
    const scan = {
      evaluations: [
        { rule: rule('r-clean', 'region'), account: '1', region: 'us-east-1', partition: 'aws', durationMs: 0, results: [fail(accountResource('1'), 'x')] },
        { rule: rule('r-broken', 'region'), account: '1', region: 'us-east-1', partition: 'aws', durationMs: 0, results: [notAvailable(accountResource('1'), 'denied')] },
        { rule: rule('r-account', 'account'), account: '1', region: 'us-east-1', partition: 'aws', durationMs: 0, results: [] },
      ],
    } as unknown as AccountScan;
    expect([...cleanScopes([scan])].sort()).toEqual(['r-account|1|*', 'r-account|1|us-east-1', 'r-clean|1|us-east-1']);
  });
});
