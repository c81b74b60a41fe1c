/**
 * IAM outcomes moto cannot represent, through the real data layer and engine
 * with the SDK clients mocked (spec/moto.md sections 6 and 7): IAM.6 PASSED
 * (moto cannot give the root user MFA, nor assign it a virtual device) and
 * IAM.26 PASSED (moto dates every server certificate 2012).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetAccountSummaryCommand, IAMClient, ListServerCertificatesCommand, ListVirtualMFADevicesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import hardwareMfa from '../../rules/iam/iam-root-hardware-mfa-enabled.js';
import serverCertificates from '../../rules/iam/iam-server-certificate-not-expired.js';
import type { Rule } from '../../src/engine/rule.js';
import { PromiseCache } from '../../src/data/cache.js';
import { scanAccount } from '../../src/engine/scan.js';
import { mockedLiveSource } from '../helpers/live.js';
import { silentLogger } from '../helpers/rule-harness.js';

const iam = mockClient(IAMClient);
const sts = mockClient(STSClient);
afterEach(() => {
  iam.reset();
  sts.reset();
});

async function scan(rule: Rule) {
  sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/auditor', UserId: 'AIDA' });
  const { source } = mockedLiveSource();
  const result = await scanAccount(source, new PromiseCache(), {
    rules: [rule],
    benchmarks: ['5.0.0'],
    homeRegion: 'us-east-1',
    regions: ['us-east-1', 'eu-west-1'],
    now: new Date('2026-11-27T12:00:00Z'),
    logger: silentLogger,
  });
  return result.evaluations.flatMap((e) => e.results.map((r) => ({ name: r.resource.name, status: r.status, reasonCode: r.reasonCode ?? null })));
}

describe('IAM rules through the live data layer', () => {
  it('IAM.6 passes when the root user has MFA and no virtual device', async () => {
    iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 1, AccountPasswordPresent: 1, AccountAccessKeysPresent: 0 } });
    iam.on(ListVirtualMFADevicesCommand).resolves({
      VirtualMFADevices: [{ SerialNumber: 'arn:aws:iam::123456789012:mfa/alice', User: { Arn: 'arn:aws:iam::123456789012:user/alice', UserName: 'alice', UserId: 'U', Path: '/', CreateDate: new Date() } }],
    });
    expect(await scan(hardwareMfa)).toEqual([{ name: '123456789012', status: 'PASSED', reasonCode: 'ROOT_HARDWARE_MFA' }]);
    expect(iam.commandCalls(ListVirtualMFADevicesCommand)[0]?.args[0].input).toMatchObject({ AssignmentStatus: 'Any' });
  });

  it('IAM.6 fails when the root user\'s MFA device is virtual', async () => {
    iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 1, AccountPasswordPresent: 1, AccountAccessKeysPresent: 0 } });
    iam.on(ListVirtualMFADevicesCommand).resolves({
      VirtualMFADevices: [{ SerialNumber: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device', User: { Arn: 'arn:aws:iam::123456789012:root', UserName: '', UserId: '', Path: '/', CreateDate: new Date() } }],
    });
    expect(await scan(hardwareMfa)).toEqual([{ name: '123456789012', status: 'FAILED', reasonCode: 'ROOT_VIRTUAL_MFA' }]);
  });

  it('IAM.26 passes a valid certificate and fails an expired one', async () => {
    iam.on(ListServerCertificatesCommand).resolves({
      ServerCertificateMetadataList: [
        { Path: '/', ServerCertificateName: 'current', ServerCertificateId: 'ASCA1', Arn: 'arn:aws:iam::123456789012:server-certificate/current', Expiration: new Date('2027-11-27T00:00:00Z') },
        { Path: '/', ServerCertificateName: 'lapsed', ServerCertificateId: 'ASCA2', Arn: 'arn:aws:iam::123456789012:server-certificate/lapsed', Expiration: new Date('2026-11-01T00:00:00Z') },
      ],
    });
    expect(await scan(serverCertificates)).toEqual([
      { name: 'current', status: 'PASSED', reasonCode: 'CERTIFICATE_VALID' },
      { name: 'lapsed', status: 'FAILED', reasonCode: 'CERTIFICATE_EXPIRED' },
    ]);
    expect(iam.commandCalls(ListServerCertificatesCommand)).toHaveLength(1);
  });
});
