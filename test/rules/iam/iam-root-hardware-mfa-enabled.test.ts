import { describe, expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-root-hardware-mfa-enabled.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);
const ROOT = 'arn:aws:iam::123456789012:root';
const WITH_MFA = { AccountMFAEnabled: 1, AccountPasswordPresent: 1, AccountAccessKeysPresent: 0 };
const device = (serialNumber: string, userArn: string | null) => ({ serialNumber, userArn, enableDate: null });

describe('iam-root-hardware-mfa-enabled (IAM.6)', () => {
  it('passes when the root user has MFA and no virtual device is assigned to it', async () => {
    const { results, findings } = await run({
      'iam.accountSummary': WITH_MFA,
      'iam.virtualMfaDevices': [device('arn:aws:iam::123456789012:mfa/alice', 'arn:aws:iam::123456789012:user/alice'), device('arn:aws:iam::123456789012:mfa/spare', null)],
    });
    expect(results.map((r) => r.status)).toEqual(['PASSED']);
    expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsAccount', Id: 'AWS::::Account:123456789012' });
  });

  it('fails when the root user\'s MFA device is virtual', async () => {
    const { results, findings } = await run({
      'iam.accountSummary': WITH_MFA,
      'iam.virtualMfaDevices': [device('arn:aws:iam::123456789012:mfa/root-account-mfa-device', ROOT)],
    });
    expect(results[0]).toMatchObject({ status: 'FAILED', reasonCode: 'ROOT_VIRTUAL_MFA' });
    expect(results[0]?.evidence?.rootVirtualMfaDevice).toBe('arn:aws:iam::123456789012:mfa/root-account-mfa-device');
    expect(findings[0]?.Severity?.Label).toBe('CRITICAL');
  });

  it('builds the root ARN with the scan partition', async () => {
    // A device assigned to the aws partition's root is not the aws-cn root; the fixture identity is in aws.
    const { results } = await run({
      'iam.accountSummary': WITH_MFA,
      'iam.virtualMfaDevices': [device('arn:aws-cn:iam::123456789012:mfa/root', 'arn:aws-cn:iam::123456789012:root')],
    });
    expect(results[0]?.status).toBe('PASSED');
  });

  it('fails when the root user has no MFA, without listing devices', async () => {
    const { results, source } = await run({ 'iam.accountSummary': { AccountMFAEnabled: 0, AccountPasswordPresent: 1, AccountAccessKeysPresent: 0 } });
    expect(results[0]).toMatchObject({ status: 'FAILED', reasonCode: 'ROOT_NO_MFA' });
    expect(source.reads.map((r) => r.id)).toEqual(['iam.accountSummary']);
  });

  it('does not pass when the summary lacks the credential fields', async () => {
    const { results } = await run({ 'iam.accountSummary': { AccountMFAEnabled: 0 } });
    expect(results[0]?.status).toBe('FAILED');
  });

  it('passes an account with no root credentials (centralized root access), like IAM.9', async () => {
    const { results } = await run({ 'iam.accountSummary': { AccountMFAEnabled: 0, AccountPasswordPresent: 0, AccountAccessKeysPresent: 0 } });
    expect(results[0]).toMatchObject({ status: 'PASSED', reason: 'The root user has no password and no access keys (centralized root access).' });
  });

  it('is NOT_AVAILABLE when the account summary or the device list cannot be read', async () => {
    expect((await run({ 'iam.accountSummary': denied('iam:GetAccountSummary') })).results[0]?.status).toBe('NOT_AVAILABLE');
    const { results } = await run({ 'iam.accountSummary': WITH_MFA, 'iam.virtualMfaDevices': denied('iam:ListVirtualMFADevices') });
    expect(results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission iam:ListVirtualMFADevices (AccessDenied)' });
  });
});
