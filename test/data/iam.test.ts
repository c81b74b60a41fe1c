import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetAccountAuthorizationDetailsCommand,
  GetCredentialReportCommand,
  IAMClient,
  IAMServiceException,
  ListEntitiesForPolicyCommand,
  ListServerCertificatesCommand,
  ListVirtualMFADevicesCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { DataUnavailable } from '../../src/data/errors.js';
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

const encoded = (document: object) => encodeURIComponent(JSON.stringify(document));
const ADMIN = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } };
const TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

describe('IAM authorization details, policy entities and server certificates', () => {
  it('reads every page of GetAccountAuthorizationDetails once, with the identity and local-policy filters, and parses the documents', async () => {
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolvesOnce({
        UserDetailList: [
          {
            UserName: 'zoe',
            UserId: 'AIDAZOE',
            Arn: 'arn:aws:iam::123456789012:user/ops/zoe',
            Path: '/ops/',
            CreateDate: new Date('2025-01-02T03:04:05Z'),
            GroupList: ['support', 'admins'],
            AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
            UserPolicyList: [{ PolicyName: 'inline-admin', PolicyDocument: encoded(ADMIN) }],
            PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/boundary' },
            Tags: [{ Key: 'team', Value: 'ops' }],
          },
        ],
        GroupDetailList: [{ GroupName: 'support', GroupId: 'AGPA1', Arn: 'arn:aws:iam::123456789012:group/support', Path: '/' }],
        RoleDetailList: [],
        Policies: [],
        IsTruncated: true,
        Marker: 'page-2',
      })
      .resolves({
        UserDetailList: [{ UserName: 'adam', UserId: 'AIDAADAM', Arn: 'arn:aws:iam::123456789012:user/adam', Path: '/' }],
        GroupDetailList: [],
        RoleDetailList: [
          { RoleName: 'app', RoleId: 'AROAAPP', Arn: 'arn:aws:iam::123456789012:role/app', Path: '/', AssumeRolePolicyDocument: encoded(TRUST) },
        ],
        Policies: [
          {
            PolicyName: 'admin',
            PolicyId: 'ANPA1',
            Arn: 'arn:aws:iam::123456789012:policy/admin',
            Path: '/',
            DefaultVersionId: 'v2',
            AttachmentCount: 2,
            PermissionsBoundaryUsageCount: 1,
            IsAttachable: true,
            PolicyVersionList: [
              { VersionId: 'v1', IsDefaultVersion: false, Document: encoded({ Statement: [] }) },
              { VersionId: 'v2', IsDefaultVersion: true, Document: encoded(ADMIN) },
            ],
          },
          // No PolicyName (as moto answers): the name comes from the ARN.
          { Arn: 'arn:aws:iam::123456789012:policy/team/broken', DefaultVersionId: 'v1', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: encoded({ Statement: [] }) }] },
        ],
        IsTruncated: false,
      });
    const { data } = mockedLiveSource();
    const [details, again] = await Promise.all([data().iam.authorizationDetails(), data('eu-west-1').iam.authorizationDetails()]);
    expect(again).toBe(details);
    const calls = iam.commandCalls(GetAccountAuthorizationDetailsCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.args[0].input).toMatchObject({ Filter: ['User', 'Group', 'Role', 'LocalManagedPolicy'] });
    expect(calls[1]?.args[0].input).toMatchObject({ Marker: 'page-2' });

    expect(details.users.map((u) => u.name)).toEqual(['adam', 'zoe']);
    expect(details.users[1]).toEqual({
      name: 'zoe',
      id: 'AIDAZOE',
      arn: 'arn:aws:iam::123456789012:user/ops/zoe',
      path: '/ops/',
      createDate: '2025-01-02T03:04:05.000Z',
      groups: ['admins', 'support'],
      attachedManagedPolicies: [{ name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      inlinePolicies: [
        {
          name: 'inline-admin',
          document: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: ['*'], NotAction: [], Resource: ['*'], NotResource: [], Condition: {} }],
          },
        },
      ],
      permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/boundary',
      tags: { team: 'ops' },
    });
    expect(details.users[0]).toMatchObject({ groups: [], attachedManagedPolicies: [], inlinePolicies: [], createDate: null });
    expect(details.groups).toEqual([
      { name: 'support', id: 'AGPA1', arn: 'arn:aws:iam::123456789012:group/support', path: '/', createDate: null, attachedManagedPolicies: [], inlinePolicies: [] },
    ]);
    expect(details.roles[0]?.trustPolicy?.Statement[0]).toMatchObject({ Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com'] }, Action: ['sts:AssumeRole'] });
    // The default version's document, not the first one's.
    expect(details.policies[0]).toMatchObject({ name: 'admin', defaultVersionId: 'v2', attachmentCount: 2, permissionsBoundaryUsageCount: 1, isAttachable: true });
    expect(details.policies[0]?.document?.Statement[0]).toMatchObject({ Action: ['*'], Resource: ['*'] });
    expect(details.policies[1]).toMatchObject({ name: 'broken', attachmentCount: 0 });
  });

  it('a policy document that does not parse makes the answer malformed, not a document-less policy', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: [],
      Policies: [{ Arn: 'arn:aws:iam::123456789012:policy/broken', DefaultVersionId: 'v1', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: 'not%20json' }] }],
      IsTruncated: false,
    });
    await expect(mockedLiveSource().data().iam.authorizationDetails()).rejects.toMatchObject({
      reason: 'malformed-response',
      action: 'iam:GetAccountAuthorizationDetails',
      message: 'the policy arn:aws:iam::123456789012:policy/broken does not parse',
    });
  });

  it('names iam:GetAccountAuthorizationDetails when the read is denied', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(denied());
    const { data } = mockedLiveSource();
    const error = await data().iam.authorizationDetails().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataUnavailable);
    expect((error as DataUnavailable).describe()).toBe('Missing permission iam:GetAccountAuthorizationDetails (AccessDenied)');
  });

  it('lists the entities of a policy across pages, as a permissions policy, once per policy ARN', async () => {
    iam
      .on(ListEntitiesForPolicyCommand, { PolicyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess' })
      .resolvesOnce({ PolicyUsers: [{ UserName: 'zed', UserId: 'U2' }], PolicyGroups: [{ GroupName: 'support', GroupId: 'G1' }], PolicyRoles: [], IsTruncated: true, Marker: 'm' })
      .resolves({ PolicyUsers: [{ UserName: 'amy', UserId: 'U1' }], PolicyGroups: [], PolicyRoles: [{ RoleName: 'helpdesk', RoleId: 'R1' }], IsTruncated: false });
    iam.on(ListEntitiesForPolicyCommand, { PolicyArn: 'arn:aws:iam::aws:policy/AWSCloudShellFullAccess' }).resolves({ PolicyUsers: [], PolicyGroups: [], PolicyRoles: [], IsTruncated: false });
    const { data } = mockedLiveSource();
    const support = await data().iam.entitiesForPolicy('arn:aws:iam::aws:policy/AWSSupportAccess');
    await data('eu-west-1').iam.entitiesForPolicy('arn:aws:iam::aws:policy/AWSSupportAccess');
    expect(support).toEqual({
      users: [{ name: 'amy', id: 'U1' }, { name: 'zed', id: 'U2' }],
      groups: [{ name: 'support', id: 'G1' }],
      roles: [{ name: 'helpdesk', id: 'R1' }],
    });
    expect(await data().iam.entitiesForPolicy('arn:aws:iam::aws:policy/AWSCloudShellFullAccess')).toEqual({ users: [], groups: [], roles: [] });
    const calls = iam.commandCalls(ListEntitiesForPolicyCommand);
    expect(calls).toHaveLength(3);
    expect(calls[0]?.args[0].input).toMatchObject({ PolicyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess', PolicyUsageFilter: 'PermissionsPolicy' });
  });

  it('answers null for a policy that does not exist, and propagates other errors', async () => {
    iam.on(ListEntitiesForPolicyCommand).rejectsOnce(new NoSuchEntityException({ $metadata: {}, message: 'no such policy' })).rejects(denied());
    const { data } = mockedLiveSource();
    expect(await data().iam.entitiesForPolicy('arn:aws-cn:iam::aws:policy/AWSCloudShellFullAccess')).toBeNull();
    await expect(data().iam.entitiesForPolicy('arn:aws:iam::aws:policy/AWSSupportAccess')).rejects.toMatchObject({
      name: 'DataUnavailable',
      action: 'iam:ListEntitiesForPolicy',
      reason: 'access-denied',
    });
  });

  it('lists server certificates across pages with ISO dates', async () => {
    iam
      .on(ListServerCertificatesCommand)
      .resolvesOnce({
        ServerCertificateMetadataList: [
          { Path: '/', ServerCertificateName: 'web', ServerCertificateId: 'ASCA1', Arn: 'arn:aws:iam::123456789012:server-certificate/web', Expiration: new Date('2027-01-01T00:00:00Z'), UploadDate: new Date('2026-01-01T00:00:00Z') },
        ],
        IsTruncated: true,
        Marker: 'm',
      })
      .resolves({
        ServerCertificateMetadataList: [{ Path: '/cf/', ServerCertificateName: 'api', ServerCertificateId: 'ASCA2', Arn: 'arn:aws:iam::123456789012:server-certificate/cf/api' }],
        IsTruncated: false,
      });
    const { data } = mockedLiveSource();
    expect(await data().iam.serverCertificates()).toEqual([
      { name: 'api', id: 'ASCA2', arn: 'arn:aws:iam::123456789012:server-certificate/cf/api', path: '/cf/', uploadDate: null, expiration: null },
      { name: 'web', id: 'ASCA1', arn: 'arn:aws:iam::123456789012:server-certificate/web', path: '/', uploadDate: '2026-01-01T00:00:00.000Z', expiration: '2027-01-01T00:00:00.000Z' },
    ]);
    expect(iam.commandCalls(ListServerCertificatesCommand)).toHaveLength(2);
  });
});
