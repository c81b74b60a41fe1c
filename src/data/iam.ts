/** IAM reads. IAM is global: every accessor here answers once per account. */
import type { AttachedPolicy, PasswordPolicy, PolicyDetail, Tag } from '@aws-sdk/client-iam';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataUnavailable } from './errors.js';
import { collect, defineAccessor, errorName } from './accessor.js';
import { parseCredentialReport, type CredentialReport } from './credential-report.js';
import { parsePolicyDocument, type PolicyDocument } from './policy-document.js';
import { MalformedResponse, parsed, required, requiredList, requiredString } from './shape.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const iamSdk = () => import('@aws-sdk/client-iam');

const AUTH_DETAILS = 'iam:GetAccountAuthorizationDetails';
/** A policy document IAM sent (URL-encoded); one that does not parse makes the whole answer unusable. */
const document = (text: string, what: string): PolicyDocument => parsed(parsePolicyDocument(text, true), what, AUTH_DETAILS);

export interface VirtualMfaDevice {
  serialNumber: string;
  /** ARN of the user the device is assigned to; `arn:<partition>:iam::<account>:root` for the root user. */
  userArn: string | null;
  enableDate: string | null;
}

/** A managed policy attached to a user, group or role. */
export interface AttachedPolicyRef {
  name: string;
  arn: string;
}

/** An inline policy, its document URL-decoded and parsed (null if it is not a policy document). */
export interface InlinePolicy {
  name: string;
  document: PolicyDocument | null;
}

interface IdentityDetail {
  name: string;
  id: string;
  arn: string;
  path: string;
  createDate: string | null;
  attachedManagedPolicies: AttachedPolicyRef[];
  inlinePolicies: InlinePolicy[];
}

export interface IamUserDetail extends IdentityDetail {
  /** Names of the groups the user belongs to. */
  groups: string[];
  permissionsBoundaryArn: string | null;
  tags: Record<string, string>;
}

export type IamGroupDetail = IdentityDetail;

export interface IamRoleDetail extends IdentityDetail {
  /** The trust policy (who may assume the role), parsed. */
  trustPolicy: PolicyDocument | null;
  permissionsBoundaryArn: string | null;
  tags: Record<string, string>;
}

/** A customer-managed policy with its default version's document, parsed. */
export interface IamManagedPolicyDetail {
  name: string;
  id: string;
  arn: string;
  path: string;
  defaultVersionId: string | null;
  attachmentCount: number;
  permissionsBoundaryUsageCount: number;
  isAttachable: boolean;
  /** The default version's document; null if it is missing or not a policy document. */
  document: PolicyDocument | null;
}

/** GetAccountAuthorizationDetails: every user, group, role and customer-managed policy of the account. */
export interface AuthorizationDetails {
  users: IamUserDetail[];
  groups: IamGroupDetail[];
  roles: IamRoleDetail[];
  policies: IamManagedPolicyDetail[];
}

/** Who a managed policy is attached to (as a permissions policy); names and ids only, as IAM answers. */
export interface PolicyEntities {
  users: { name: string; id: string }[];
  groups: { name: string; id: string }[];
  roles: { name: string; id: string }[];
}

export interface ServerCertificateInfo {
  name: string;
  id: string;
  arn: string;
  path: string;
  uploadDate: string | null;
  expiration: string | null;
}

/**
 * The filters of the one GetAccountAuthorizationDetails read: identities and
 * customer-managed policies. `AWSManagedPolicy` is left out on purpose: it adds
 * over a thousand AWS policy documents that no rule judges (IAM.1 checks
 * customer-managed policies only; attachments of AWS policies are named on the
 * identities anyway).
 */
export const AUTHORIZATION_DETAILS_FILTER = ['User', 'Group', 'Role', 'LocalManagedPolicy'] as const;

const isoDate = (date: Date | undefined): string | null => date?.toISOString() ?? null;
const attached = (list: AttachedPolicy[] | undefined): AttachedPolicyRef[] =>
  (list ?? []).map((p) => ({ name: p.PolicyName ?? '', arn: p.PolicyArn ?? '' }));
const inline = (list: PolicyDetail[] | undefined): InlinePolicy[] =>
  (list ?? []).map((p) => ({ name: p.PolicyName ?? '', document: p.PolicyDocument ? document(p.PolicyDocument, `the inline policy ${p.PolicyName ?? ''}`) : null }));
const tagMap = (tags: Tag[] | undefined): Record<string, string> => Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
/** The last segment of an IAM ARN (`arn:aws:iam::1:policy/path/name` -> `name`): the name when a listing leaves it out. */
const nameFromArn = (arn: string | undefined): string => (arn ?? '').slice((arn ?? '').lastIndexOf('/') + 1);
const byName = <T extends { name: string }>(list: T[]): T[] => list.sort((a, b) => a.name.localeCompare(b.name));

function isNoSuchEntity(error: unknown): boolean {
  return errorName(error) === 'NoSuchEntityException' || errorName(error) === 'NoSuchEntity';
}

export const iam = {
  /** GetAccountSummary's SummaryMap: AccountMFAEnabled, AccountAccessKeysPresent, Users, ... */
  accountSummary: defineAccessor({
    global: true,
    actions: ['iam:GetAccountSummary'],
    async fetch(ctx): Promise<Record<string, number>> {
      const { GetAccountSummaryCommand, IAMClient } = await iamSdk();
      const out = await ctx.client(IAMClient).send(new GetAccountSummaryCommand({}));
      const summary = required(out.SummaryMap, 'SummaryMap', 'iam:GetAccountSummary');
      if (typeof summary.AccountMFAEnabled !== 'number') throw new MalformedResponse('iam:GetAccountSummary', 'the SummaryMap has no AccountMFAEnabled');
      return { ...summary };
    },
  }),

  /** The account password policy; null when the account has none (NoSuchEntity). */
  passwordPolicy: defineAccessor({
    global: true,
    actions: ['iam:GetAccountPasswordPolicy'],
    async fetch(ctx): Promise<PasswordPolicy | null> {
      const { GetAccountPasswordPolicyCommand, IAMClient } = await iamSdk();
      try {
        const out = await ctx.client(IAMClient).send(new GetAccountPasswordPolicyCommand({}));
        // No policy is NoSuchEntity; a 200 without one is a broken answer.
        return required(out.PasswordPolicy, 'PasswordPolicy', 'iam:GetAccountPasswordPolicy');
      } catch (error) {
        if (isNoSuchEntity(error)) return null;
        throw error;
      }
    },
  }),

  virtualMfaDevices: defineAccessor({
    global: true,
    actions: ['iam:ListVirtualMFADevices'],
    async fetch(ctx): Promise<VirtualMfaDevice[]> {
      const { IAMClient, paginateListVirtualMFADevices } = await iamSdk();
      const devices = await collect(
        paginateListVirtualMFADevices({ client: ctx.client(IAMClient) }, { AssignmentStatus: 'Any' }),
        'VirtualMFADevices', 'iam:ListVirtualMFADevices',
      );
      return devices.map((d) => ({
        serialNumber: d.SerialNumber ?? '',
        userArn: d.User?.Arn ?? null,
        enableDate: d.EnableDate?.toISOString() ?? null,
      }));
    },
  }),

  /**
   * The credential report: asks IAM to generate it, polls until it is COMPLETE
   * (backing off up to 4 s between polls), then downloads and parses the CSV.
   */
  credentialReport: defineAccessor({
    global: true,
    actions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
    async fetch(ctx): Promise<CredentialReport> {
      const { GenerateCredentialReportCommand, GetCredentialReportCommand, IAMClient } = await iamSdk();
      const client = ctx.client(IAMClient);
      const deadline = Date.now() + ctx.options.credentialReportTimeoutMs;
      let wait = ctx.options.credentialReportPollMs;
      for (;;) {
        const generated = await client.send(new GenerateCredentialReportCommand({}));
        if (requiredString(generated.State, 'State', 'iam:GenerateCredentialReport') === 'COMPLETE') {
          try {
            const report = await client.send(new GetCredentialReportCommand({}));
            const csv = Buffer.from(required(report.Content, 'Content', 'iam:GetCredentialReport')).toString('utf8');
            try {
              return parseCredentialReport(csv, report.GeneratedTime?.toISOString() ?? null);
            } catch (error) {
              throw new MalformedResponse('iam:GetCredentialReport', error instanceof Error ? error.message : String(error));
            }
          } catch (error) {
            // Expired or regenerating between the two calls: generate again.
            if (!['ReportInProgress', 'ReportExpired', 'ReportNotPresent'].some((c) => errorName(error)?.startsWith(c))) {
              throw error;
            }
          }
        }
        if (Date.now() + wait > deadline) {
          throw new DataUnavailable({
            action: 'iam:GenerateCredentialReport',
            reason: 'service-error',
            code: 'ReportTimeout',
            region: ctx.region,
            message: `the credential report was not ready after ${ctx.options.credentialReportTimeoutMs} ms`,
          });
        }
        await sleep(wait);
        wait = Math.min(wait * 2, 4_000);
      }
    },
  }),

  /**
   * Every user (with its groups), group, role (with its trust policy) and
   * customer-managed policy (with its default version), in one paginated
   * GetAccountAuthorizationDetails read shared by every rule that needs any of
   * them. Policy documents arrive URL-encoded and are decoded and parsed here.
   */
  authorizationDetails: defineAccessor({
    global: true,
    actions: ['iam:GetAccountAuthorizationDetails'],
    async fetch(ctx): Promise<AuthorizationDetails> {
      const { IAMClient, paginateGetAccountAuthorizationDetails } = await iamSdk();
      const details: AuthorizationDetails = { users: [], groups: [], roles: [], policies: [] };
      const pages = paginateGetAccountAuthorizationDetails({ client: ctx.client(IAMClient) }, { Filter: [...AUTHORIZATION_DETAILS_FILTER] });
      for await (const page of pages) {
        // The filter asks for all four lists, and IAM sends each one, empty or not.
        for (const u of requiredList(page.UserDetailList, 'UserDetailList', AUTH_DETAILS)) {
          details.users.push({
            name: u.UserName ?? '',
            id: u.UserId ?? '',
            arn: u.Arn ?? '',
            path: u.Path ?? '/',
            createDate: isoDate(u.CreateDate),
            groups: [...(u.GroupList ?? [])].sort(),
            attachedManagedPolicies: attached(u.AttachedManagedPolicies),
            inlinePolicies: inline(u.UserPolicyList),
            permissionsBoundaryArn: u.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
            tags: tagMap(u.Tags),
          });
        }
        for (const g of requiredList(page.GroupDetailList, 'GroupDetailList', AUTH_DETAILS)) {
          details.groups.push({
            name: g.GroupName ?? '',
            id: g.GroupId ?? '',
            arn: g.Arn ?? '',
            path: g.Path ?? '/',
            createDate: isoDate(g.CreateDate),
            attachedManagedPolicies: attached(g.AttachedManagedPolicies),
            inlinePolicies: inline(g.GroupPolicyList),
          });
        }
        for (const r of requiredList(page.RoleDetailList, 'RoleDetailList', AUTH_DETAILS)) {
          details.roles.push({
            name: r.RoleName ?? '',
            id: r.RoleId ?? '',
            arn: r.Arn ?? '',
            path: r.Path ?? '/',
            createDate: isoDate(r.CreateDate),
            trustPolicy: r.AssumeRolePolicyDocument ? document(r.AssumeRolePolicyDocument, `the trust policy of ${r.RoleName ?? ''}`) : null,
            attachedManagedPolicies: attached(r.AttachedManagedPolicies),
            inlinePolicies: inline(r.RolePolicyList),
            permissionsBoundaryArn: r.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
            tags: tagMap(r.Tags),
          });
        }
        for (const p of requiredList(page.Policies, 'Policies', AUTH_DETAILS)) {
          const versions = p.PolicyVersionList ?? [];
          const version = versions.find((v) => v.IsDefaultVersion === true) ?? versions.find((v) => v.VersionId === p.DefaultVersionId);
          details.policies.push({
            // moto leaves PolicyName out of this listing; the ARN always ends with it.
            name: p.PolicyName ?? nameFromArn(p.Arn),
            id: p.PolicyId ?? '',
            arn: p.Arn ?? '',
            path: p.Path ?? '/',
            defaultVersionId: p.DefaultVersionId ?? null,
            attachmentCount: p.AttachmentCount ?? 0,
            permissionsBoundaryUsageCount: p.PermissionsBoundaryUsageCount ?? 0,
            isAttachable: p.IsAttachable !== false,
            document: version?.Document ? document(version.Document, `the policy ${p.Arn ?? ''}`) : null,
          });
        }
      }
      byName(details.users);
      byName(details.groups);
      byName(details.roles);
      byName(details.policies);
      return details;
    },
  }),

  /**
   * The users, groups and roles a managed policy is attached to as a
   * permissions policy (not as a permissions boundary). Null when the policy
   * does not exist (NoSuchEntity), e.g. an AWS managed policy a partition lacks.
   */
  entitiesForPolicy: defineAccessor({
    global: true,
    actions: ['iam:ListEntitiesForPolicy'],
    async fetch(ctx, policyArn: string): Promise<PolicyEntities | null> {
      const { IAMClient, paginateListEntitiesForPolicy } = await iamSdk();
      const entities: PolicyEntities = { users: [], groups: [], roles: [] };
      try {
        const pages = paginateListEntitiesForPolicy(
          { client: ctx.client(IAMClient) },
          { PolicyArn: policyArn, PolicyUsageFilter: 'PermissionsPolicy' },
        );
        const action = 'iam:ListEntitiesForPolicy';
        for await (const page of pages) {
          entities.users.push(...requiredList(page.PolicyUsers, 'PolicyUsers', action).map((u) => ({ name: u.UserName ?? '', id: u.UserId ?? '' })));
          entities.groups.push(...requiredList(page.PolicyGroups, 'PolicyGroups', action).map((g) => ({ name: g.GroupName ?? '', id: g.GroupId ?? '' })));
          entities.roles.push(...requiredList(page.PolicyRoles, 'PolicyRoles', action).map((r) => ({ name: r.RoleName ?? '', id: r.RoleId ?? '' })));
        }
      } catch (error) {
        if (isNoSuchEntity(error)) return null;
        throw error;
      }
      byName(entities.users);
      byName(entities.groups);
      byName(entities.roles);
      return entities;
    },
  }),

  /** Server certificates stored in IAM, with their expiry dates. */
  serverCertificates: defineAccessor({
    global: true,
    actions: ['iam:ListServerCertificates'],
    async fetch(ctx): Promise<ServerCertificateInfo[]> {
      const { IAMClient, paginateListServerCertificates } = await iamSdk();
      const list = await collect(
        paginateListServerCertificates({ client: ctx.client(IAMClient) }, {}),
        'ServerCertificateMetadataList', 'iam:ListServerCertificates',
      );
      return byName(
        list.map((c) => ({
          name: c.ServerCertificateName ?? '',
          id: c.ServerCertificateId ?? '',
          arn: c.Arn ?? '',
          path: c.Path ?? '/',
          uploadDate: isoDate(c.UploadDate),
          expiration: isoDate(c.Expiration),
        })),
      );
    },
  }),

  /**
   * Centralized root access (ListOrganizationsFeatures). The errors that say
   * where the account stands are answers, not failures: `not-in-organization`,
   * `not-management-account` (a member account that is not the delegated
   * administrator for IAM), `trusted-access-disabled` (IAM has no trusted
   * access in Organizations), `not-all-features` (consolidated billing only).
   */
  organizationsFeatures: defineAccessor({
    global: true,
    actions: ['iam:ListOrganizationsFeatures'],
    async fetch(ctx): Promise<OrganizationsFeatures> {
      const { IAMClient, ListOrganizationsFeaturesCommand } = await iamSdk();
      try {
        const out = await ctx.client(IAMClient).send(new ListOrganizationsFeaturesCommand({}));
        // An answer without the feature list is malformed, never "no features".
        const enabled = requiredList(out.EnabledFeatures, 'EnabledFeatures', 'iam:ListOrganizationsFeatures');
        return { standing: 'readable', organizationId: out.OrganizationId ?? null, enabledFeatures: [...enabled].sort() };
      } catch (error) {
        const standing = ORGANIZATION_STANDINGS[errorName(error) ?? ''];
        if (standing) return { standing, organizationId: null, enabledFeatures: [] };
        throw error;
      }
    },
  }),
};

export type OrganizationStanding = 'readable' | 'not-in-organization' | 'not-management-account' | 'trusted-access-disabled' | 'not-all-features';

export interface OrganizationsFeatures {
  standing: OrganizationStanding;
  organizationId: string | null;
  /** e.g. RootCredentialsManagement, RootSessions; empty unless `readable`. */
  enabledFeatures: string[];
}

const ORGANIZATION_STANDINGS: Record<string, OrganizationStanding> = {
  OrganizationNotFoundException: 'not-in-organization',
  AccountNotManagementOrDelegatedAdministratorException: 'not-management-account',
  ServiceAccessNotEnabledException: 'trusted-access-disabled',
  OrganizationNotInAllFeaturesModeException: 'not-all-features',
};
