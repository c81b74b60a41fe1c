/**
 * The scheduler: for one account, resolve the Regions, then run account-scoped
 * rules once in the home Region and Region-scoped rules in every Region, over
 * one shared, memoized data layer.
 *
 * Concurrency has one p-limit per level (Regions, then rule evaluations; API
 * calls are bounded per service and Region inside the data layer), so nested
 * tasks never wait on a limiter they hold.
 *
 * A rule never takes the scan down: a read it could not make becomes a
 * NOT_AVAILABLE result naming the action, and a rule that throws or breaks its
 * contract becomes a NOT_AVAILABLE result too (fail closed), recorded as an
 * issue of the scan.
 */
import { performance } from 'node:perf_hooks';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import type { Accessor } from '../data/accessor.js';
import type { PromiseCache } from '../data/cache.js';
import { AccountData, type DataSource } from '../data/layer.js';
import type { CallerIdentity } from '../data/sts.js';
import type { BenchmarkVersion } from './benchmarks.js';
import { DataUnavailable, isDataUnavailable } from '../data/errors.js';
import { isEvaluated } from '../domain/status.js';
import { partitionOf } from './partitions.js';
import { COMPLIANCE_STATUSES, ENGINE_REASON_CODES, accountResource, notAvailable, unavailable, type Rule, type RuleResult } from './rule.js';

export interface ScanProgress {
  start(total: number): void;
  tick(label: string): void;
}

export interface ScanOptions {
  rules: readonly Rule[];
  benchmarks: readonly BenchmarkVersion[];
  homeRegion: string;
  /** Explicit Regions; undefined scans the account's enabled Regions. */
  regions?: readonly string[];
  now: Date;
  concurrency?: { regions?: number; rules?: number };
  logger: Logger;
  progress?: ScanProgress;
  /**
   * Called with each evaluation as it ends; what it returns is kept in its
   * place. The pipeline writes the evaluation's findings out here and keeps a
   * slimmed copy, so a large account's results are not all held until its end.
   */
  onEvaluation?: (evaluation: Evaluation) => Evaluation;
}

export interface Evaluation {
  rule: Rule;
  account: string;
  /** The Region the rule ran in (the home Region for account-scoped rules). */
  region: string;
  partition: string;
  results: RuleResult[];
  durationMs: number;
}

export interface ScanIssue {
  kind: 'data-unavailable' | 'rule-error' | 'regions' | 'account';
  account: string;
  region: string;
  rule?: string;
  action?: string;
  code?: string;
  message: string;
}

export interface AccountScan {
  identity: CallerIdentity;
  homeRegion: string;
  regions: string[];
  /** Wall time each Region took, from its first rule evaluation's start to its last one's end. */
  regionDurations: Record<string, number>;
  evaluations: Evaluation[];
  issues: ScanIssue[];
  startedAt: string;
  durationMs: number;
}

/** An account's scan once its evaluations are folded into the run's tally (src/engine/evaluation-tally.ts) and let go. */
export type ScannedAccount = Omit<AccountScan, 'evaluations'>;

/** A rule read data its `requiredActions` do not cover: a bug in the rule, reported, never silently allowed. */
export class RuleContractError extends Error {
  override readonly name = 'RuleContractError';
}

export async function scanAccount(source: DataSource, cache: PromiseCache, options: ScanOptions): Promise<AccountScan> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const identity = await source.identity(options.homeRegion);
  const account = new AccountData(source, cache, identity, options.homeRegion);
  const issues: ScanIssue[] = [];
  const regions = options.regions ? [...options.regions] : await enabledRegions(account, issues, options.logger);

  const tasks: { rule: Rule; region: string }[] = [];
  for (const rule of options.rules) {
    for (const region of rule.scope === 'account' ? [options.homeRegion] : regions) tasks.push({ rule, region });
  }
  options.progress?.start(tasks.length);

  const regionLimit = pLimit(options.concurrency?.regions ?? 4);
  const ruleLimit = pLimit(options.concurrency?.rules ?? 16);
  const byRegion = new Map<string, typeof tasks>();
  for (const task of tasks) byRegion.set(task.region, [...(byRegion.get(task.region) ?? []), task]);
  const spans = new Map<string, { start: number; end: number }>();
  const evaluations = (
    await Promise.all(
      [...byRegion].map(([region, regionTasks]) =>
        regionLimit(() =>
          Promise.all(
            regionTasks.map(({ rule }) =>
              ruleLimit(async () => {
                const start = performance.now();
                const evaluated = await evaluate(rule, region, account, regions, options, issues);
                const evaluation = options.onEvaluation ? options.onEvaluation(evaluated) : evaluated;
                const span = spans.get(region) ?? { start, end: start };
                spans.set(region, { start: Math.min(span.start, start), end: Math.max(span.end, performance.now()) });
                options.progress?.tick(`${rule.id} ${region}`);
                return evaluation;
              }),
            ),
          ),
        ),
      ),
    )
  ).flat();

  evaluations.sort((a, b) => a.rule.id.localeCompare(b.rule.id) || a.region.localeCompare(b.region));
  return {
    identity,
    homeRegion: options.homeRegion,
    regions,
    regionDurations: Object.fromEntries([...spans].sort(([a], [b]) => a.localeCompare(b)).map(([r, t]) => [r, Math.round(t.end - t.start)])),
    evaluations,
    issues,
    startedAt,
    durationMs: Math.round(performance.now() - started),
  };
}

async function evaluate(
  rule: Rule,
  region: string,
  account: AccountData,
  regions: readonly string[],
  options: ScanOptions,
  issues: ScanIssue[],
): Promise<Evaluation> {
  const started = performance.now();
  const allowed = new Set(rule.requiredActions);
  const hooks = {
    beforeRead(accessor: Accessor) {
      const missing = accessor.actions.filter((action) => !allowed.has(action));
      if (missing.length > 0) {
        throw new RuleContractError(
          `rule ${rule.id} read ${accessor.id}, which needs ${missing.join(', ')}, missing from its requiredActions`,
        );
      }
    },
  };
  const data = account.layer(region, hooks);
  let results: RuleResult[];
  try {
    results = await rule.evaluate({
      data,
      dataIn: (other) => (other === region ? data : account.layer(other, hooks)),
      account: account.account,
      region,
      homeRegion: options.homeRegion,
      regions,
      partition: account.partition,
      params: rule.params,
      now: options.now,
      benchmarks: options.benchmarks,
    });
    checkResults(rule, results);
  } catch (error) {
    results = [failedEvaluation(rule, account.account, region, error, issues, options.logger)];
  }
  return {
    rule,
    account: account.account,
    region,
    partition: account.partition,
    results,
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * The part of a result the steps after the findings need (counts, coverage,
 * scan.json's list of what could not be evaluated). A result that could not be
 * evaluated keeps its status, reason and resource identity. One that was
 * evaluated keeps only its status and Region, and all such results share one
 * frozen object per (status, Region): a large account holds thousands of them
 * until its scan ends, and nothing after the findings reads more of them (the
 * finding holds the rest).
 */
export function slimResult(result: RuleResult): RuleResult {
  const { type, id, region } = result.resource;
  if (!isEvaluated({ status: result.status, incomplete: result.incomplete === true })) {
    return {
      status: result.status,
      reason: result.reason,
      resource: { type, id, ...(region ? { region } : {}) },
      ...(result.incomplete ? { incomplete: true as const } : {}),
    };
  }
  const key = `${result.status}|${region ?? ''}`;
  let shared = EVALUATED.get(key);
  if (!shared) {
    shared = Object.freeze({ status: result.status, reason: '', resource: Object.freeze({ type: '', id: '', ...(region ? { region } : {}) }) });
    EVALUATED.set(key, shared);
  }
  return shared;
}

const EVALUATED = new Map<string, RuleResult>();

function failedEvaluation(
  rule: Rule,
  accountId: string,
  region: string,
  error: unknown,
  issues: ScanIssue[],
  logger: Logger,
): RuleResult {
  const resource = accountResource(accountId, region);
  if (isDataUnavailable(error)) {
    issues.push({
      kind: 'data-unavailable',
      account: accountId,
      region,
      rule: rule.id,
      action: error.action,
      code: error.code,
      message: error.describe(),
    });
    return unavailable(resource, error);
  }
  const message = error instanceof Error ? error.message : String(error);
  logger.error({ rule: rule.id, account: accountId, region, err: error }, 'rule failed');
  issues.push({ kind: 'rule-error', account: accountId, region, rule: rule.id, message });
  return notAvailable(resource, `The rule could not be evaluated: ${message}`, {
    reasonCode: 'RULE_ERROR',
    evidence: { error: message.slice(0, 500) },
  });
}

function isDeclaredReasonCode(rule: Rule, code: string | undefined): boolean {
  if (code === undefined) return false;
  return Object.hasOwn(rule.reasonCodes ?? {}, code) || Object.hasOwn(ENGINE_REASON_CODES, code);
}

function checkResults(rule: Rule, results: unknown): asserts results is RuleResult[] {
  if (!Array.isArray(results)) throw new RuleContractError(`rule ${rule.id} returned ${typeof results}, not an array of results`);
  for (const r of results as Partial<RuleResult>[]) {
    if (!r || !COMPLIANCE_STATUSES.includes(r.status as RuleResult['status'])) {
      throw new RuleContractError(`rule ${rule.id} returned a result with status ${String(r?.status)}`);
    }
    if (!r.resource || typeof r.resource.id !== 'string' || r.resource.id === '' || typeof r.resource.type !== 'string' || r.resource.type === '') {
      throw new RuleContractError(`rule ${rule.id} returned a result without a resource type and id`);
    }
    if (typeof r.reason !== 'string' || r.reason.trim() === '') {
      throw new RuleContractError(`rule ${rule.id} returned a result without a reason`);
    }
    if (rule.reasonCodes && !isDeclaredReasonCode(rule, r.reasonCode)) {
      throw new RuleContractError(`rule ${rule.id} returned reason code ${String(r.reasonCode)}, which it does not declare`);
    }
  }
}


/** The account's enabled Regions in its partition; the home Region alone if they cannot be listed. */
async function enabledRegions(account: AccountData, issues: ScanIssue[], logger: Logger): Promise<string[]> {
  try {
    const regions = await account.layer(account.homeRegion).ec2.regions();
    const enabled = regions
      .filter((r) => r.optInStatus !== 'not-opted-in' && partitionOf(r.name) === account.partition)
      .map((r) => r.name);
    if (enabled.length > 0) return enabled;
  } catch (error) {
    if (!(error instanceof DataUnavailable)) throw error;
    issues.push({
      kind: 'regions',
      account: account.account,
      region: account.homeRegion,
      action: error.action,
      code: error.code,
      message: `${error.describe()}: scanning the home Region only`,
    });
    logger.warn({ account: account.account, action: error.action }, 'cannot list Regions; scanning the home Region only');
  }
  return [account.homeRegion];
}

export { partitionOf } from './partitions.js';
