/**
 * What the stages after the scan read of its evaluations, folded in one
 * account at a time as each account's scan ends, so that the evaluations
 * themselves can be let go: per rule, how often it ran, how long it took and
 * its results by status; every result that could not be evaluated (scan.json's
 * notAvailable list); and the coverage the history and the Security Hub
 * lifecycle resolve by (src/domain/completeness.ts). Its size depends on the
 * rules and on what could not be evaluated, not on the number of accounts.
 */
import { CoverageTally, type Coverage } from '../domain/completeness.js';
import { isEvaluated } from '../domain/status.js';
import { COMPLIANCE_STATUSES, type ComplianceStatus } from './rule.js';
import type { AccountScan } from './scan.js';

export interface RuleTally {
  evaluations: number;
  durationMs: number;
  results: Record<ComplianceStatus, number>;
}

/** A result that could not be evaluated, as scan.json lists it. */
export interface NotAvailableResult {
  rule: string;
  account: string;
  region: string;
  resource: string;
  reason: string;
}

const noEvaluations = (): RuleTally => ({ evaluations: 0, durationMs: 0, results: Object.fromEntries(COMPLIANCE_STATUSES.map((s) => [s, 0])) as Record<ComplianceStatus, number> });

export class EvaluationTally {
  private readonly rules = new Map<string, RuleTally>();
  private readonly missing: NotAvailableResult[] = [];
  private readonly tally = new CoverageTally();

  /** The tally of some scans at once (tests, and any caller that holds the scans anyway). */
  static of(scans: readonly Pick<AccountScan, 'evaluations' | 'issues'>[]): EvaluationTally {
    const tally = new EvaluationTally();
    for (const scan of scans) tally.add(scan);
    return tally;
  }

  /** Folds in one account's scan (once per account). */
  add(scan: Pick<AccountScan, 'evaluations' | 'issues'>): void {
    for (const e of scan.evaluations) {
      let rule = this.rules.get(e.rule.id);
      if (!rule) {
        rule = noEvaluations();
        this.rules.set(e.rule.id, rule);
      }
      rule.evaluations++;
      rule.durationMs += e.durationMs;
      for (const r of e.results) {
        rule.results[r.status]++;
        if (!isEvaluated({ status: r.status, incomplete: r.incomplete === true })) {
          this.missing.push({ rule: e.rule.id, account: e.account, region: r.resource.region ?? e.region, resource: r.resource.id, reason: r.reason });
        }
      }
    }
    this.tally.add(scan);
  }

  /** A rule's figures; a rule that never ran has none. */
  rule(id: string): RuleTally {
    return this.rules.get(id) ?? noEvaluations();
  }

  /**
   * Every result that could not be evaluated: accounts in order (they are folded in as
   * they end, in any order), each account's as its evaluations were sorted (rule, Region).
   * A new array each time.
   */
  get notAvailable(): NotAvailableResult[] {
    // A stable sort: each account's entries keep the order they were folded in.
    return [...this.missing].sort((a, b) => a.account.localeCompare(b.account));
  }

  get coverage(): Coverage {
    return this.tally;
  }
}
