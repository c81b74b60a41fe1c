/**
 * One synthetic account of the organization bench, described in memory from a
 * Shape: the same resources, in the same patterns, that bench/seed.ts creates in
 * moto (user i has a password unless i % 3 == 0, MFA when i % 4 == 0, ...), so
 * the fake endpoint and moto seeded with the same shape give the same findings.
 * Identifiers moto draws at random (security groups, VPCs, keys) are derived
 * from the account and the index here, so every answer is deterministic.
 */
import { BENCH_REGIONS, MONITORED_RULES, type Shape } from '../seed.js';
import { cisFilterPattern, metricNameOf } from '../../src/dev/seed-metric-alarm.js';

export const HOME = 'us-east-1';
export const TRAIL_BUCKET = 'bench-cloudtrail-logs';
export const SUPPORT_POLICY = 'arn:aws:iam::aws:policy/AWSSupportAccess';

export interface FakeUser {
  name: string;
  password: boolean;
  mfa: boolean;
  accessKeys: number;
  group?: string;
  attachedPolicy?: string;
  inlinePolicy: boolean;
  team: string;
}

export interface FakeBucket {
  name: string;
  region: string;
  policy: boolean;
  publicAccessBlock: boolean;
  versioning: boolean;
}

export interface FakeSecurityGroup {
  id: string;
  name: string;
  description: string;
  sshOpen: boolean;
  internalHttps: boolean;
}

export interface FakeKey {
  id: string;
  region: string;
  rotation: boolean;
}

export interface FakeAccount {
  id: string;
  regions: readonly string[];
  shape: Shape;
  users: FakeUser[];
  policies: { name: string; admin: boolean }[];
  groups: string[];
  roles: string[];
  buckets: FakeBucket[];
  securityGroups: Map<string, FakeSecurityGroup[]>;
  keys: FakeKey[];
  ebsEncryptedRegions: Set<string>;
  alarms: { name: string; filterName: string; pattern: string }[];
  /** When the account's resources were "created" (the fake's start). */
  created: Date;
}

/** A stable hex id from the account, a kind and an index (moto draws these at random). */
export function hexId(account: string, kind: string, i: number, length = 17): string {
  let h = 2166136261;
  for (const ch of `${account}/${kind}/${i}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  let out = '';
  while (out.length < length) {
    h = Math.imul(h ^ (h >>> 15), 2246822519) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

export function regionalIds(account: string, region: string) {
  return { vpc: `vpc-${hexId(account, `vpc/${region}`, 0)}`, acl: `acl-${hexId(account, `acl/${region}`, 0)}` };
}

export function fakeAccount(id: string, shape: Shape, created: Date, regions: readonly string[] = BENCH_REGIONS): FakeAccount {
  const groups = Array.from({ length: shape.groups }, (_, g) => `team-${g}`);
  const policies = Array.from({ length: shape.customerPolicies }, (_, p) => ({ name: `policy-${p}`, admin: p % 10 === 0 }));
  const users = Array.from({ length: shape.users }, (_, i): FakeUser => ({
    name: `user-${String(i).padStart(5, '0')}`,
    team: `team-${i % shape.groups}`,
    password: i % 3 !== 0,
    mfa: i % 4 === 0,
    accessKeys: i % 5 === 0 ? 2 : i % 5 < 3 ? 1 : 0,
    ...(i % 2 === 0 ? { group: `team-${i % shape.groups}` } : {}),
    ...(i % 10 === 0 ? { attachedPolicy: `policy-${i % shape.customerPolicies}` } : {}),
    inlinePolicy: i % 25 === 0,
  }));
  const buckets = Array.from({ length: shape.buckets }, (_, b): FakeBucket => ({
    name: `bench-bucket-${String(b).padStart(5, '0')}`,
    region: regions[b % regions.length] ?? HOME,
    policy: b % 2 === 0,
    publicAccessBlock: b % 3 === 0,
    versioning: b % 4 === 0,
  }));
  buckets.push({ name: TRAIL_BUCKET, region: HOME, policy: false, publicAccessBlock: false, versioning: false });
  const securityGroups = new Map<string, FakeSecurityGroup[]>();
  for (const region of regions) {
    const sg = (i: number) => `sg-${hexId(id, `sg/${region}`, i)}`;
    securityGroups.set(region, [
      { id: sg(0), name: 'default', description: 'default VPC security group', sshOpen: false, internalHttps: false },
      ...Array.from({ length: shape.securityGroupsPerRegion }, (_, g) => ({
        id: sg(g + 1),
        name: `sg-${g}`,
        description: `bench group ${g}`,
        sshOpen: g % 10 === 0,
        internalHttps: true,
      })),
    ]);
  }
  const keys = Array.from({ length: shape.kmsKeys }, (_, k): FakeKey => {
    const h = hexId(id, 'key', k, 32);
    return { id: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`, region: regions[k % regions.length] ?? HOME, rotation: k % 2 === 0 };
  });
  return {
    id,
    regions,
    shape,
    users,
    policies,
    groups,
    roles: Array.from({ length: shape.roles }, (_, r) => `role-${r}`),
    buckets,
    securityGroups,
    keys,
    ebsEncryptedRegions: new Set(regions.filter((_, r) => r % 2 === 0)),
    alarms: MONITORED_RULES.map((rule) => ({ name: `cis-${metricNameOf(rule)}`, filterName: metricNameOf(rule), pattern: cisFilterPattern(rule) })),
    created,
  };
}
