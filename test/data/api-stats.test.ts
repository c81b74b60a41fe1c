/** API call statistics: calls made before an account was known move to it, and only its own. */
import { describe, expect, it } from 'vitest';
import { ApiStats } from '../../src/data/api-stats.js';

describe('ApiStats.relabel', () => {
  it("moves a provisional label's calls to the account, merged with what the account already has, and leaves other accounts alone", () => {
    const stats = new ApiStats();
    stats.call('sts:GetCallerIdentity', 'pending-1', 'us-east-1');
    stats.attempt('pending-1', 'us-east-1', true);
    stats.call('iam:GetAccountSummary', 'pending-1', 'eu-west-1');
    stats.call('sts:GetCallerIdentity', '111111111111', 'us-east-1');
    stats.call('sts:GetCallerIdentity', '222222222222', 'us-east-1');
    stats.relabel('pending-1', '111111111111');
    stats.relabel('pending-9', '333333333333'); // a label that made no call: nothing moves
    const { byScope, calls, throttles } = stats.snapshot();
    expect(Object.keys(byScope)).toEqual(['111111111111/eu-west-1', '111111111111/us-east-1', '222222222222/us-east-1']);
    expect(byScope['111111111111/us-east-1']).toEqual({ calls: 2, attempts: 1, throttles: 1, byOperation: { 'sts:GetCallerIdentity': 2 } });
    expect(byScope['111111111111/eu-west-1']).toEqual({ calls: 1, attempts: 0, throttles: 0, byOperation: { 'iam:GetAccountSummary': 1 } });
    expect(byScope['222222222222/us-east-1']?.calls).toBe(1);
    expect([calls, throttles]).toEqual([4, 1]);
    // Later calls under the old label start it afresh; relabelling it again moves only those.
    stats.call('kms:ListKeys', 'pending-1', 'us-east-1');
    stats.relabel('pending-1', '222222222222');
    expect(stats.snapshot().byScope['222222222222/us-east-1']?.byOperation).toEqual({ 'kms:ListKeys': 1, 'sts:GetCallerIdentity': 1 });
  });
});
