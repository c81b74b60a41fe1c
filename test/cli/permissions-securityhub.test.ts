/** `hubcheck permissions --securityhub`: the push's Security Hub actions in their own statement; scanning stays read-only. */
import { afterEach, describe, expect, it } from 'vitest';
import { BatchUpdateFindingsCommand, SecurityHubClient, type BatchUpdateFindingsCommandInput } from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { SECURITY_HUB_PUSH_ACTIONS } from '../../src/cli/permissions.js';
import { fail } from '../../src/engine/rule.js';
import { coverageOf } from '../../src/domain/completeness.js';
import { pushFindings } from '../../src/securityhub/push.js';
import { PUSH_WRITES } from '../../src/securityhub/scan-push.js';
import { applySuppressions } from '../../src/suppressions/suppressions.js';
import { cli } from '../helpers/cli.js';
import { ACCOUNT, FakeClock, accountScan, evaluation, fakeSecurityHub, findingsOf, testRule } from '../helpers/securityhub.js';

afterEach(() => mockClient(SecurityHubClient).restore());

describe('hubcheck permissions --securityhub', () => {
  it('adds a separate statement with exactly BatchImportFindings, BatchUpdateFindings, DescribeHub and GetFindings', async () => {
    const plain = JSON.parse((await cli(['permissions', '--rules', 'IAM.5'])).stdout);
    const result = await cli(['permissions', '--rules', 'IAM.5', '--securityhub']);
    expect(result.code).toBe(0);
    const policy = JSON.parse(result.stdout);
    expect(policy.Statement).toHaveLength(2);
    expect(policy.Statement[0]).toEqual(plain.Statement[0]);
    expect(policy.Statement[1]).toEqual({
      Sid: 'HubcheckSecurityHubPush',
      Effect: 'Allow',
      Action: ['securityhub:BatchImportFindings', 'securityhub:BatchUpdateFindings', 'securityhub:DescribeHub', 'securityhub:GetFindings'],
      Resource: '*',
    });
    for (const action of policy.Statement[0].Action as string[]) expect(action).not.toMatch(/^securityhub:/);
  });

  it('names every Security Hub operation the push really calls (a suppressed finding included), and the push pool opens only its writes', async () => {
    const hub = fakeSecurityHub({ enabled: ['us-east-1'] });
    hub.mock.on(BatchUpdateFindingsCommand).callsFake(async (input: BatchUpdateFindingsCommandInput) => ({ ProcessedFindings: input.FindingIdentifiers, UnprocessedFindings: [] }));
    const rule = testRule('test-sg-closed');
    const scans = [accountScan([evaluation(rule, 'us-east-1', [fail({ type: 'AwsEc2SecurityGroup', id: 'sg-1' }, 'open')])], [], ['us-east-1'])];
    const entry = { rule: ['*'], account: ['*'], region: ['*'], resource: ['*'], reason: 'accepted', owner: 'sec', expires: '2999-01-01', expiresAt: new Date('2999-01-02'), source: 's.yaml:2' };
    const findings = applySuppressions(findingsOf(scans), [entry], new Date('2026-11-27T12:00:00.000Z')).findings;
    const clock = new FakeClock();
    await pushFindings(
      { findings, coverage: coverageOf(scans), scopes: [{ account: ACCOUNT, region: 'us-east-1' }], observedAt: '2026-11-27T12:00:00.000Z' },
      { client: (region) => new SecurityHubClient({ region }), identity: async () => ({ account: ACCOUNT, partition: 'aws' }), clock },
    );
    const called = [...new Set(hub.mock.calls().map((c) => `securityhub:${(c.args[0] as object).constructor.name.replace(/Command$/, '')}`))].sort();
    expect(called).toEqual([...SECURITY_HUB_PUSH_ACTIONS]);
    expect([...PUSH_WRITES]).toEqual(['securityhub:BatchImportFindings', 'securityhub:BatchUpdateFindings']);
  });
});
