/**
 * The CIS AWS Foundations Benchmark versions hubcheck assesses (the four that
 * Security Hub offers, and v6.0.0 and v7.0.0 beyond it), and how they are named
 * on the command line and in ASFF findings.
 */

export const BENCHMARK_VERSIONS = ['1.2.0', '1.4.0', '3.0.0', '5.0.0', '6.0.0', '7.0.0'] as const;
export type BenchmarkVersion = (typeof BENCHMARK_VERSIONS)[number];

/** The versions Security Hub has a CIS standard for; the others have no StandardsArn. */
export const SECURITY_HUB_VERSIONS = ['1.2.0', '1.4.0', '3.0.0', '5.0.0'] as const satisfies readonly BenchmarkVersion[];
export type SecurityHubVersion = (typeof SECURITY_HUB_VERSIONS)[number];

export function isSecurityHubVersion(version: BenchmarkVersion): version is SecurityHubVersion {
  return (SECURITY_HUB_VERSIONS as readonly string[]).includes(version);
}

export const DEFAULT_BENCHMARK: BenchmarkVersion = '5.0.0';

/** `cis-5.0.0` -> `5.0.0`; undefined when the name is not a known benchmark. */
export function parseBenchmarkName(name: string): BenchmarkVersion | undefined {
  const match = /^cis-(\d+\.\d+\.\d+)$/.exec(name.trim());
  const version = match?.[1];
  return BENCHMARK_VERSIONS.find((v) => v === version);
}

export function benchmarkName(version: BenchmarkVersion): string {
  return `cis-${version}`;
}

/** `Compliance.RelatedRequirements` entry, e.g. `CIS AWS Foundations Benchmark v5.0.0/1.4`. */
export function relatedRequirement(version: BenchmarkVersion, requirement: string): string {
  return `CIS AWS Foundations Benchmark v${version}/${requirement}`;
}

/**
 * `Compliance.AssociatedStandards[].StandardsId`. Security Hub names v1.2.0 as a
 * ruleset and the later versions as standards; v6.0.0 and v7.0.0 have none.
 */
export function standardsId(version: SecurityHubVersion): string {
  return version === '1.2.0'
    ? 'ruleset/cis-aws-foundations-benchmark/v/1.2.0'
    : `standards/cis-aws-foundations-benchmark/v/${version}`;
}

export const CIS_FINDING_TYPE =
  'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark';
