/**
 * Seed modules: each builds part of a moto account and says what hubcheck must
 * find there. A family's e2e test runs its own seed; the combined test runs all
 * of them into one account and checks every expectation in one scan.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { ComplianceStatus } from '../../../src/engine/rule.js';

export interface Expectation {
  rule: string;
  /** Region of the finding (where its resource lives; the home Region for account-wide rules). */
  region: string;
  /** The finding's resource: its hubcheck/ResourceName or its Resources[0].Id. */
  resource: string;
  status: ComplianceStatus;
}

export interface Seed {
  name: string;
  /** Rule ids whose findings the expectations describe. */
  rules: string[];
  seed(url: string): Promise<Expectation[]>;
}

export function findingKey(f: AwsSecurityFinding): { rule: string; region: string; names: string[]; status: string } {
  const resource = f.Resources?.[0];
  return {
    rule: f.ProductFields?.['hubcheck/RuleId'] ?? '',
    region: resource?.Region ?? '',
    names: [f.ProductFields?.['hubcheck/ResourceName'], resource?.Id].filter((n): n is string => Boolean(n)),
    status: f.Compliance?.Status ?? '',
  };
}

/** Every expectation that the findings do not meet, as readable lines (empty when all hold). */
export function unmetExpectations(findings: readonly AwsSecurityFinding[], expectations: readonly Expectation[]): string[] {
  const keys = findings.map(findingKey);
  return expectations.flatMap((e) => {
    const matches = keys.filter((k) => k.rule === e.rule && k.region === e.region && k.names.includes(e.resource));
    if (matches.length === 0) return [`${e.rule} ${e.resource}@${e.region}: no finding (expected ${e.status})`];
    const wrong = matches.filter((m) => m.status !== e.status);
    return wrong.map((m) => `${e.rule} ${e.resource}@${e.region}: ${m.status}, expected ${e.status}`);
  });
}
