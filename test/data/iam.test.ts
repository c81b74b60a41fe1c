import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  IAMServiceException,
  ListVirtualMFADevicesCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { DataUnavailable } from '../../src/engine/errors.js';
import { mockedLiveSource } from '../helpers/live.js';

const iam = mockClient(IAMClient);
afterEach(() => iam.reset());

const CSV = [
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
  '<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,2026-11-01T08:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
  'alice,arn:aws:iam::123456789012:user/alice,2024-05-01T10:00:00+00:00,true,no_information,2024-05-01T10:00:00+00:00,N/A,false,true,2024-05-01T10:05:00+00:00,2026-11-20T09:00:00+00:00,eu-west-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
].join('\n');

const denied = () =>
  new IAMServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'not authorized' });

describe('IAM accessors', () => {
  it('polls GenerateCredentialReport until COMPLETE, then parses the report once', async () => {
    iam
      .on(GenerateCredentialReportCommand)
      .resolvesOnce({ State: 'STARTED' })
      .resolvesOnce({ State: 'INPROGRESS' })
      .resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves({ Content: Buffer.from(CSV), GeneratedTime: new Date('2026-11-27T09:00:00Z') });
    const { data } = mockedLiveSource();
    const [a, b] = await Promise.all([data().iam.credentialReport(), data('eu-west-1').iam.credentialReport()]);
    expect(a).toBe(b); // one memoized answer per account, whichever Region asks
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(3);
    expect(iam.commandCalls(GetCredentialReportCommand)).toHaveLength(1);
    expect(a.generatedTime).toBe('2026-11-27T09:00:00.000Z');
    expect(a.rows.map((r) => r.user)).toEqual(['<root_account>', 'alice']);
    const [root, alice] = a.rows;
    expect(root).toMatchObject({ passwordEnabled: null, passwordLastUsed: '2026-11-01T08:00:00+00:00', mfaActive: true });
    expect(alice).toMatchObject({ passwordEnabled: true, passwordLastUsed: null, mfaActive: false });
    expect(alice?.accessKeys[0]).toEqual({
      active: true,
      lastRotated: '2024-05-01T10:05:00+00:00',
      lastUsedDate: '2026-11-20T09:00:00+00:00',
      lastUsedRegion: 'eu-west-1',
      lastUsedService: 's3',
    });
    expect(alice?.accessKeys[1]).toMatchObject({ active: false, lastRotated: null });
  });

  it('gives up with a DataUnavailable when the report never completes', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'STARTED' });
    const { data } = mockedLiveSource({ credentialReportPollMs: 5, credentialReportTimeoutMs: 40 });
    await expect(data().iam.credentialReport()).rejects.toMatchObject({ name: 'DataUnavailable', code: 'ReportTimeout' });
  });

  it('regenerates when the report expires between generation and download', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam
      .on(GetCredentialReportCommand)
      .rejectsOnce(new IAMServiceException({ name: 'ReportExpired', $fault: 'client', $metadata: {}, message: 'expired' }))
      .resolves({ Content: Buffer.from(CSV) });
    const { data } = mockedLiveSource();
    expect((await data().iam.credentialReport()).rows).toHaveLength(2);
    expect(iam.commandCalls(GetCredentialReportCommand)).toHaveLength(2);
  });

  it('answers null, not an error, when the account has no password policy', async () => {
    iam.on(GetAccountPasswordPolicyCommand).rejects(new NoSuchEntityException({ $metadata: {}, message: 'no policy' }));
    const { data } = mockedLiveSource();
    expect(await data().iam.passwordPolicy()).toBeNull();
  });

  it('turns a denied call into a DataUnavailable naming the action, and makes it once', async () => {
    iam.on(GetAccountSummaryCommand).rejects(denied());
    const { data } = mockedLiveSource();
    const errors = await Promise.all([data().iam.accountSummary(), data('eu-west-1').iam.accountSummary()].map((p) => p.catch((e: unknown) => e)));
    for (const error of errors) {
      expect(error).toBeInstanceOf(DataUnavailable);
      expect((error as DataUnavailable).describe()).toBe('Missing permission iam:GetAccountSummary (AccessDenied)');
    }
    expect(iam.commandCalls(GetAccountSummaryCommand)).toHaveLength(1);
  });

  it('lists every virtual MFA device across pages, with its assignee', async () => {
    iam
      .on(ListVirtualMFADevicesCommand)
      .resolvesOnce({
        VirtualMFADevices: [{ SerialNumber: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device', User: { Arn: 'arn:aws:iam::123456789012:root', UserName: '', UserId: '', Path: '/', CreateDate: new Date() } }],
        IsTruncated: true,
        Marker: 'm1',
      })
      .resolves({ VirtualMFADevices: [{ SerialNumber: 'arn:aws:iam::123456789012:mfa/spare' }], IsTruncated: false });
    const { data } = mockedLiveSource();
    expect(await data().iam.virtualMfaDevices()).toEqual([
      { serialNumber: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device', userArn: 'arn:aws:iam::123456789012:root', enableDate: null },
      { serialNumber: 'arn:aws:iam::123456789012:mfa/spare', userArn: null, enableDate: null },
    ]);
  });
});
