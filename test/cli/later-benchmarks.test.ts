/** CIS v6.0.0 and v7.0.0 beside the Security Hub versions: one finding per rule and resource, every version's number. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const ownTmpdir = () => mkdtempSync(path.join(tmpdir(), 'later-benchmarks-'));

/**
 * The rules for what v7.0.0 adds, each judging resources of one kind in the demo. The
 * snapshot is recorded with their reads (demo/seed-v7.ts), so each shows at least one
 * PASSED and one FAILED; 2.1.1 judges the one account (Acme is outside AWS Organizations).
 */
const V7_PER_RESOURCE = [
  'apigateway-http-stage-access-logging-enabled', 'apigateway-rest-stage-access-logging-enabled',
  'cloudfront-distribution-access-logging-enabled', 'ecr-repository-policy-no-public-principal',
  'elb-application-load-balancer-access-logging-enabled', 'elb-classic-load-balancer-access-logging-enabled',
  'kms-key-policy-no-public-principal', 'lambda-function-policy-no-public-principal',
  's3-bucket-policy-no-public-principal', 'secretsmanager-secret-policy-no-public-principal',
  'sns-topic-policy-no-public-principal', 'sqs-queue-policy-no-public-principal',
];
function expectEveryNewRuleJudged(code: number, stderr: string, findings: AwsSecurityFinding[]): void {
  expect(findings.filter((f) => f.Compliance?.Status === 'NOT_AVAILABLE').map((f) => f.GeneratorId)).toEqual([]);
  expect(code, stderr).toBe(1);
  for (const id of V7_PER_RESOURCE) {
    const statuses = new Set(findings.filter((f) => f.GeneratorId === `hubcheck/${id}`).map((f) => f.Compliance?.Status));
    expect([...statuses].sort(), id).toEqual(['FAILED', 'PASSED']);
  }
  expect(findings.filter((f) => f.GeneratorId === 'hubcheck/iam-root-access-centralized').map((f) => f.Compliance?.StatusReasons?.[0]?.ReasonCode)).toEqual(['NOT_IN_ORGANIZATION']);
}

describe('scan --benchmark cis-5.0.0 --benchmark cis-7.0.0', () => {
  it('consolidates both versions into one finding per rule and resource, with no invented standard', async () => {
    const out = path.join(ownTmpdir(), 'v5-v7');
    const result = await cli(['scan', '--replay', 'demo/acme-snapshot.json', '--benchmark', 'cis-5.0.0', '--benchmark', 'cis-7.0.0', '--output-dir', out, '--no-state', '--no-progress']);
    const findings = JSON.parse(readFileSync(path.join(out, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[];
    expectEveryNewRuleJudged(result.code, result.stderr, findings);
    const keys = findings.map((f) => `${f.GeneratorId} ${f.Resources?.[0]?.Region} ${f.Resources?.[0]?.Id}`);
    expect(new Set(keys).size).toBe(keys.length);

    const rootMfa = findings.find((f) => f.GeneratorId === 'hubcheck/iam-root-mfa-enabled');
    expect(rootMfa?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v5.0.0/1.4', 'CIS AWS Foundations Benchmark v7.0.0/2.5']);
    expect(rootMfa?.Compliance?.AssociatedStandards).toEqual([{ StandardsId: 'standards/cis-aws-foundations-benchmark/v/5.0.0' }]);
    // v7.0.0 drops v5.0.0 1.12: that rule's findings carry the v5.0.0 number alone.
    const singleKey = findings.filter((f) => f.GeneratorId === 'hubcheck/iam-user-single-active-access-key');
    expect(singleKey.length).toBeGreaterThan(0);
    for (const f of singleKey) expect(f.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v5.0.0/1.12']);
    for (const f of findings.filter((x) => x.GeneratorId !== 'hubcheck/iam-user-single-active-access-key')) {
      expect(f.Compliance?.RelatedRequirements?.some((r) => r.startsWith('CIS AWS Foundations Benchmark v7.0.0/')), f.GeneratorId).toBe(true);
    }
  });

  it('runs v7.0.0 alone with no AssociatedStandards at all', async () => {
    const out = path.join(ownTmpdir(), 'v7');
    const result = await cli(['scan', '--replay', 'demo/acme-snapshot.json', '--benchmark', 'cis-7.0.0', '--output-dir', out, '--no-state', '--no-progress']);
    const findings = JSON.parse(readFileSync(path.join(out, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[];
    expectEveryNewRuleJudged(result.code, result.stderr, findings);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.Compliance?.AssociatedStandards).toBeUndefined();
      expect(f.Compliance?.RelatedRequirements?.every((r) => r.startsWith('CIS AWS Foundations Benchmark v7.0.0/'))).toBe(true);
    }
  });
});

describe('rules --benchmark cis-6.0.0 / cis-7.0.0', () => {
  it.each([
    ['cis-6.0.0', 63],
    ['cis-7.0.0', 70],
  ])('%s lists all %i recommendations, each with its rule or manual', async (benchmark, count) => {
    const result = await cli(['rules', '--benchmark', benchmark]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${count} of ${count} recommendations listed`);
  });
});
