/**
 * Runs one rule through the real engine (scheduler, requiredActions guard,
 * error handling) and the real ASFF builder, over a fixture data source. Every
 * finding produced is validated. After the file's tests, it checks that the
 * accessors the rule read across all cases need exactly its requiredActions.
 */
import { afterAll, expect } from 'vitest';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { pino } from 'pino';
import { toFinding } from '../../src/asff/to-asff.js';
import { validateFinding } from '../../src/asff/validate.js';
import { PromiseCache } from '../../src/data/cache.js';
import type { BenchmarkVersion } from '../../src/engine/benchmarks.js';
import type { Rule, RuleResult } from '../../src/engine/rule.js';
import { scanAccount, type AccountScan } from '../../src/engine/scan.js';
import { FixtureSource, type Fixture } from './fixture-source.js';

export interface RunOptions {
  regions?: string[];
  homeRegion?: string;
  now?: Date;
  benchmarks?: BenchmarkVersion[];
}

export interface RuleRun {
  results: RuleResult[];
  findings: AwsSecurityFinding[];
  scan: AccountScan;
  source: FixtureSource;
}

export const silentLogger = pino({ level: 'silent' });

export function ruleHarness(rule: Rule) {
  const usedActions = new Set<string>();
  afterAll(() => {
    expect([...usedActions].sort(), `actions read by ${rule.id} across its tests`).toEqual([...rule.requiredActions].sort());
  });

  return async function run(fixture: Fixture, options: RunOptions = {}): Promise<RuleRun> {
    const source = new FixtureSource(fixture);
    const homeRegion = options.homeRegion ?? 'us-east-1';
    const benchmarks = options.benchmarks ?? ['5.0.0'];
    const scan = await scanAccount(source, new PromiseCache(), {
      rules: [rule],
      benchmarks,
      homeRegion,
      regions: options.regions ?? [homeRegion],
      now: options.now ?? new Date('2026-11-27T12:00:00Z'),
      logger: silentLogger,
    });
    for (const accessor of source.used) for (const action of accessor.actions) usedActions.add(action);
    const findings = scan.evaluations.flatMap((e) =>
      e.results.map((r) =>
        toFinding(r, {
          rule,
          account: e.account,
          region: e.region,
          partition: e.partition,
          benchmarks,
          observedAt: '2026-11-27T12:00:00.000Z',
          toolVersion: 'test',
        }),
      ),
    );
    for (const finding of findings) expect(validateFinding(finding)).toEqual([]);
    return { results: scan.evaluations.flatMap((e) => e.results), findings, scan, source };
  };
}
