/**
 * The minimum number of API calls the selected rules need on the benchmark
 * account: a model written from the AWS APIs (largest page sizes, bulk reads,
 * one read of each fact), independent of how hubcheck's data layer happens to
 * read. Each rule declares the facts it needs; facts shared by rules count
 * once. The model also gives the calls per rate bucket (for the wall-time lower
 * bound) and the longest chain of dependent calls.
 */
import { limitFor } from '../src/data/rate-limits.js';
import type { Inventory } from './seed.js';

export interface CallPlan {
  total: number;
  byOperation: Record<string, number>;
  /** `<rate bucket key>@<region>` -> calls (see src/data/rate-limits.ts). */
  byBucket: Record<string, number>;
  /** The longest chain of calls that must happen one after another. */
  criticalPathCalls: number;
}

interface Read {
  operation: string;
  region: string;
  calls: number;
}

/** A fact rules need, and the calls that read it. */
type Fact = (inv: Inventory, home: string) => Read[];

const pages = (items: number, pageSize: number) => Math.max(1, Math.ceil(items / pageSize));
const perRegion = (inv: Inventory, operation: string, calls = 1): Read[] => inv.regions.map((region) => ({ operation, region, calls }));
const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);

/** Facts, by the name rules use for them below. */
export const FACTS: Record<string, Fact> = {
  identity: (_inv, home) => [{ operation: 'sts:GetCallerIdentity', region: home, calls: 1 }],
  // moto answers STARTED to the first GenerateCredentialReport and COMPLETE to the next.
  credentialReport: (_inv, home) => [
    { operation: 'iam:GenerateCredentialReport', region: home, calls: 2 },
    { operation: 'iam:GetCredentialReport', region: home, calls: 1 },
  ],
  accountSummary: (_inv, home) => [{ operation: 'iam:GetAccountSummary', region: home, calls: 1 }],
  passwordPolicy: (_inv, home) => [{ operation: 'iam:GetAccountPasswordPolicy', region: home, calls: 1 }],
  virtualMfaDevices: (inv, home) => [{ operation: 'iam:ListVirtualMFADevices', region: home, calls: pages(inv.usersWithMfa, 1000) }],
  ebsDefaultEncryption: (inv) => perRegion(inv, 'ec2:GetEbsEncryptionByDefault'),
  securityGroups: (inv) => inv.regions.map((region) => ({ operation: 'ec2:DescribeSecurityGroups', region, calls: pages(inv.securityGroupsByRegion[region] ?? 0, 1000) })),
};

/** The facts each rule needs. A rule not listed here needs nothing the model knows: it adds no calls. */
export const RULE_FACTS: Record<string, string[]> = {
  'ec2-default-sg-closed': ['securityGroups'],
  'ec2-ebs-default-encryption-enabled': ['ebsDefaultEncryption'],
  'iam-password-policy-min-length': ['passwordPolicy'],
  'iam-password-policy-reuse-prevention': ['passwordPolicy'],
  'iam-root-access-key-absent': ['accountSummary'],
  'iam-root-mfa-enabled': ['accountSummary'],
  'iam-user-console-mfa-enabled': ['credentialReport'],
};

/** Chains of facts that must be read one after the other, in calls. */
export const CHAINS: string[][] = [['identity', 'credentialReport']];

export function minimumCalls(inv: Inventory, ruleIds: readonly string[], home = 'us-east-1'): CallPlan {
  const facts = new Set(['identity', ...ruleIds.flatMap((id) => RULE_FACTS[id] ?? [])]);
  const byOperation: Record<string, number> = {};
  const byBucket: Record<string, number> = {};
  const callsOf = (fact: string) => (FACTS[fact]?.(inv, home) ?? []).reduce((n, r) => n + r.calls, 0);
  for (const fact of facts) {
    for (const read of FACTS[fact]?.(inv, home) ?? []) {
      byOperation[read.operation] = (byOperation[read.operation] ?? 0) + read.calls;
      const bucket = `${limitFor(read.operation)?.key ?? read.operation}@${read.region}`;
      byBucket[bucket] = (byBucket[bucket] ?? 0) + read.calls;
    }
  }
  const criticalPathCalls = Math.max(
    1,
    ...CHAINS.filter((chain) => chain.slice(1).every((f) => facts.has(f))).map((chain) => chain.reduce((n, f) => n + callsOf(f), 0)),
  );
  return { total: sum(byOperation), byOperation: Object.fromEntries(Object.entries(byOperation).sort()), byBucket, criticalPathCalls };
}
