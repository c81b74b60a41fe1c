import { expect } from 'vitest';
import rule from '../../../rules/iam/iam-root-hardware-mfa-enabled.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';

const ACCOUNT = `AWS::::Account:${TEST_ACCOUNT}`;
const ROOT = 'arn:aws:iam::123456789012:root';
const WITH_MFA = { AccountMFAEnabled: 1, AccountPasswordPresent: 1, AccountAccessKeysPresent: 0 };
const device = (serialNumber: string, userArn: string | null) => ({ serialNumber, userArn, enableDate: null });

testRule(rule, {
  passed: [
    {
      name: 'the root user has MFA and no virtual device is assigned to it',
      fixture: {
        'iam.accountSummary': WITH_MFA,
        'iam.virtualMfaDevices': [
          device('arn:aws:iam::123456789012:mfa/alice', 'arn:aws:iam::123456789012:user/alice'),
          device('arn:aws:iam::123456789012:mfa/spare', null),
        ],
      },
      results: { resource: ACCOUNT, reasonCode: 'ROOT_HARDWARE_MFA' },
      check: ({ findings }) => expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsAccount', Id: ACCOUNT }),
    },
    {
      // A device assigned to the aws-cn partition's root is not this root; the fixture identity is in aws.
      name: 'the root ARN is built with the scan partition',
      fixture: { 'iam.accountSummary': WITH_MFA, 'iam.virtualMfaDevices': [device('arn:aws-cn:iam::123456789012:mfa/root', 'arn:aws-cn:iam::123456789012:root')] },
      results: { resource: ACCOUNT, reasonCode: 'ROOT_HARDWARE_MFA' },
    },
    {
      name: 'no root credentials (centralized root access), like IAM.9',
      fixture: { 'iam.accountSummary': { AccountMFAEnabled: 0, AccountPasswordPresent: 0, AccountAccessKeysPresent: 0 } },
      results: {
        resource: ACCOUNT,
        reasonCode: 'ROOT_NO_CREDENTIALS',
        reason: 'The root user has no password and no access keys (centralized root access).',
      },
    },
  ],
  failed: [
    {
      name: "the root user's MFA device is virtual",
      fixture: { 'iam.accountSummary': WITH_MFA, 'iam.virtualMfaDevices': [device('arn:aws:iam::123456789012:mfa/root-account-mfa-device', ROOT)] },
      results: {
        resource: ACCOUNT,
        reasonCode: 'ROOT_VIRTUAL_MFA',
        evidence: { rootVirtualMfaDevice: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device' },
      },
      check: ({ findings }) => expect(findings[0]?.Severity?.Label).toBe('CRITICAL'),
    },
    {
      name: 'the root user has no MFA: devices are not listed',
      fixture: { 'iam.accountSummary': { AccountMFAEnabled: 0, AccountPasswordPresent: 1, AccountAccessKeysPresent: 0 } },
      results: { resource: ACCOUNT, reasonCode: 'ROOT_NO_MFA' },
      check: ({ source }) => expect(source.reads.map((r) => r.id)).toEqual(['iam.accountSummary']),
    },
    {
      name: 'a summary without the credential fields does not pass',
      fixture: { 'iam.accountSummary': { AccountMFAEnabled: 0 } },
      results: { resource: ACCOUNT, reasonCode: 'ROOT_NO_MFA' },
    },
  ],
  notAvailable: [
    {
      name: 'the account summary cannot be read',
      fixture: { 'iam.accountSummary': denied('iam:GetAccountSummary') },
      results: { resource: ACCOUNT, reasonCode: 'ACCESS_DENIED', action: 'iam:GetAccountSummary' },
    },
    {
      name: 'the virtual MFA device list cannot be read',
      fixture: { 'iam.accountSummary': WITH_MFA, 'iam.virtualMfaDevices': denied('iam:ListVirtualMFADevices') },
      results: {
        resource: ACCOUNT,
        reasonCode: 'ACCESS_DENIED',
        action: 'iam:ListVirtualMFADevices',
        reason: 'Missing permission iam:ListVirtualMFADevices (AccessDenied)',
      },
    },
  ],
});
