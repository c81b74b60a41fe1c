/**
 * The root-account outcomes moto cannot represent (its GetAccountSummary always
 * reports no root MFA and no root keys): IAM.9 PASSED and IAM.4 FAILED, through
 * the real data layer with the IAM client mocked at the SDK boundary.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import rootKeys from '../../rules/iam/iam-root-access-key-absent.js';
import rootMfa from '../../rules/iam/iam-root-mfa-enabled.js';
import { PromiseCache } from '../../src/data/cache.js';
import { scanAccount } from '../../src/engine/scan.js';
import { mockedLiveSource } from '../helpers/live.js';
import { silentLogger } from '../helpers/rule-harness.js';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';

const iam = mockClient(IAMClient);
const sts = mockClient(STSClient);
afterEach(() => {
  iam.reset();
  sts.reset();
});

async function scanRoot() {
  sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/auditor', UserId: 'AIDA' });
  const { source } = mockedLiveSource();
  const scan = await scanAccount(source, new PromiseCache(), {
    rules: [rootKeys, rootMfa],
    benchmarks: ['5.0.0'],
    homeRegion: 'us-east-1',
    regions: ['us-east-1'],
    now: new Date(),
    logger: silentLogger,
  });
  return Object.fromEntries(scan.evaluations.map((e) => [e.rule.id, e.results.map((r) => r.status)]));
}

describe('root user rules through the live data layer', () => {
  it('IAM.9 passes and IAM.4 fails when the root user has MFA and an access key', async () => {
    iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 1, AccountPasswordPresent: 1 } });
    expect(await scanRoot()).toEqual({ 'iam-root-access-key-absent': ['FAILED'], 'iam-root-mfa-enabled': ['PASSED'] });
    expect(iam.commandCalls(GetAccountSummaryCommand)).toHaveLength(1);
  });
});
