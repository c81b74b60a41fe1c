/** Fixture builders shared by the IAM rule tests: credential-report rows and authorization details. */
import type { AccessKeyColumns, CredentialReport, CredentialReportRow } from '../../../src/data/credential-report.js';
import type {
  AuthorizationDetails,
  IamGroupDetail,
  IamManagedPolicyDetail,
  IamRoleDetail,
  IamUserDetail,
} from '../../../src/data/iam.js';
import { parsePolicyDocument } from '../../../src/data/policy-document.js';

export const ACCOUNT = '123456789012';
export const GENERATED = '2026-11-27T10:00:00.000Z';

export function key(overrides: Partial<AccessKeyColumns> = {}): AccessKeyColumns {
  return { active: false, lastRotated: null, lastUsedDate: null, lastUsedRegion: null, lastUsedService: null, ...overrides };
}

export function row(user: string, overrides: Partial<CredentialReportRow> = {}): CredentialReportRow {
  return {
    user,
    arn: user === '<root_account>' ? `arn:aws:iam::${ACCOUNT}:root` : `arn:aws:iam::${ACCOUNT}:user/${user}`,
    userCreationTime: '2026-01-01T00:00:00+00:00',
    passwordEnabled: false,
    passwordLastUsed: null,
    passwordLastChanged: null,
    passwordNextRotation: null,
    mfaActive: false,
    accessKeys: [key(), key()],
    certificates: [{ active: false, lastRotated: null }, { active: false, lastRotated: null }],
    ...overrides,
  };
}

export const report = (...rows: CredentialReportRow[]): { 'iam.credentialReport': CredentialReport } => ({
  'iam.credentialReport': { generatedTime: GENERATED, rows },
});

/** A date `days` days before the harness's clock (2026-11-27T12:00:00Z), in the credential report's format. */
export function daysAgo(days: number): string {
  return new Date(Date.parse('2026-11-27T12:00:00Z') - days * 86_400_000).toISOString().replace('.000Z', '+00:00');
}

export function user(name: string, overrides: Partial<IamUserDetail> = {}): IamUserDetail {
  return {
    name,
    id: `AIDA${name.toUpperCase()}`,
    arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    path: '/',
    createDate: '2026-01-01T00:00:00.000Z',
    groups: [],
    attachedManagedPolicies: [],
    inlinePolicies: [],
    permissionsBoundaryArn: null,
    tags: {},
    ...overrides,
  };
}

export function group(name: string, overrides: Partial<IamGroupDetail> = {}): IamGroupDetail {
  return {
    name,
    id: `AGPA${name.toUpperCase()}`,
    arn: `arn:aws:iam::${ACCOUNT}:group/${name}`,
    path: '/',
    createDate: null,
    attachedManagedPolicies: [],
    inlinePolicies: [],
    ...overrides,
  };
}

export const TRUST_EC2 = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

export function role(name: string, trust: object | null = TRUST_EC2, overrides: Partial<IamRoleDetail> = {}): IamRoleDetail {
  return {
    name,
    id: `AROA${name.toUpperCase()}`,
    arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    path: '/',
    createDate: null,
    trustPolicy: trust ? parsePolicyDocument(JSON.stringify(trust)) : null,
    attachedManagedPolicies: [],
    inlinePolicies: [],
    permissionsBoundaryArn: null,
    tags: {},
    ...overrides,
  };
}

export function policy(name: string, document: object | null, overrides: Partial<IamManagedPolicyDetail> = {}): IamManagedPolicyDetail {
  return {
    name,
    id: `ANPA${name.toUpperCase()}`,
    arn: `arn:aws:iam::${ACCOUNT}:policy/${name}`,
    path: '/',
    defaultVersionId: 'v1',
    attachmentCount: 0,
    permissionsBoundaryUsageCount: 0,
    isAttachable: true,
    document: document ? parsePolicyDocument(JSON.stringify(document)) : null,
    ...overrides,
  };
}

export function details(parts: Partial<AuthorizationDetails> = {}): { 'iam.authorizationDetails': AuthorizationDetails } {
  return { 'iam.authorizationDetails': { users: [], groups: [], roles: [], policies: [], ...parts } };
}
