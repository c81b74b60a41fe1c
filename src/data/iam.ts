/** IAM reads. IAM is global: every accessor here answers once per account. */
import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  ListOrganizationsFeaturesCommand,
  IAMClient,
  paginateGetAccountAuthorizationDetails,
  paginateListEntitiesForPolicy,
  paginateListServerCertificates,
  paginateListVirtualMFADevices,
  type AttachedPolicy,
  type PasswordPolicy,
  type PolicyDetail,
  type Tag,
} from '@aws-sdk/client-iam';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataUnavailable } from '../engine/errors.js';
import { collect, defineAccessor, errorName } from './accessor.js';
import { parseCredentialReport, type CredentialReport } from './credential-report.js';
import { parsePolicyDocument, type PolicyDocument } from './policy-document.js';

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
  (list ?? []).map((p) => ({ name: p.PolicyName ?? '', document: p.PolicyDocument ? parsePolicyDocument(p.PolicyDocument, true) : null }));
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
      const out = await ctx.client(IAMClient).send(new GetAccountSummaryCommand({}));
      return { ...out.SummaryMap };
    },
  }),

  /** The account password policy; null when the account has none (NoSuchEntity). */
  passwordPolicy: defineAccessor({
    global: true,
    actions: ['iam:GetAccountPasswordPolicy'],
    async fetch(ctx): Promise<PasswordPolicy | null> {
      try {
        const out = await ctx.client(IAMClient).send(new GetAccountPasswordPolicyCommand({}));
        return out.PasswordPolicy ?? null;
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
      const devices = await collect(
        paginateListVirtualMFADevices({ client: ctx.client(IAMClient) }, { AssignmentStatus: 'Any' }),
        (page) => page.VirtualMFADevices,
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
      const client = ctx.client(IAMClient);
      const deadline = Date.now() + ctx.options.credentialReportTimeoutMs;
      let wait = ctx.options.credentialReportPollMs;
      for (;;) {
        const generated = await client.send(new GenerateCredentialReportCommand({}));
        if (generated.State === 'COMPLETE') {
          try {
            const report = await client.send(new GetCredentialReportCommand({}));
            const csv = Buffer.from(report.Content ?? new Uint8Array()).toString('utf8');
            return parseCredentialReport(csv, report.GeneratedTime?.toISOString() ?? null);
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
      const details: AuthorizationDetails = { users: [], groups: [], roles: [], policies: [] };
      const pages = paginateGetAccountAuthorizationDetails({ client: ctx.client(IAMClient) }, { Filter: [...AUTHORIZATION_DETAILS_FILTER] });
      for await (const page of pages) {
        for (const u of page.UserDetailList ?? []) {
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
        for (const g of page.GroupDetailList ?? []) {
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
        for (const r of page.RoleDetailList ?? []) {
          details.roles.push({
            name: r.RoleName ?? '',
            id: r.RoleId ?? '',
            arn: r.Arn ?? '',
            path: r.Path ?? '/',
            createDate: isoDate(r.CreateDate),
            trustPolicy: r.AssumeRolePolicyDocument ? parsePolicyDocument(r.AssumeRolePolicyDocument, true) : null,
            attachedManagedPolicies: attached(r.AttachedManagedPolicies),
            inlinePolicies: inline(r.RolePolicyList),
            permissionsBoundaryArn: r.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
            tags: tagMap(r.Tags),
          });
        }
        for (const p of page.Policies ?? []) {
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
            document: version?.Document ? parsePolicyDocument(version.Document, true) : null,
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
      const entities: PolicyEntities = { users: [], groups: [], roles: [] };
      try {
        const pages = paginateListEntitiesForPolicy(
          { client: ctx.client(IAMClient) },
          { PolicyArn: policyArn, PolicyUsageFilter: 'PermissionsPolicy' },
        );
        for await (const page of pages) {
          entities.users.push(...(page.PolicyUsers ?? []).map((u) => ({ name: u.UserName ?? '', id: u.UserId ?? '' })));
          entities.groups.push(...(page.PolicyGroups ?? []).map((g) => ({ name: g.GroupName ?? '', id: g.GroupId ?? '' })));
          entities.roles.push(...(page.PolicyRoles ?? []).map((r) => ({ name: r.RoleName ?? '', id: r.RoleId ?? '' })));
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
      const list = await collect(
        paginateListServerCertificates({ client: ctx.client(IAMClient) }, {}),
        (page) => page.ServerCertificateMetadataList,
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
      try {
        const out = await ctx.client(IAMClient).send(new ListOrganizationsFeaturesCommand({}));
        return { standing: 'readable', organizationId: out.OrganizationId ?? null, enabledFeatures: [...(out.EnabledFeatures ?? [])].sort() };
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
