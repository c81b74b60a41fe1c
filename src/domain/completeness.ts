/**
 * Completeness per (account, Region, rule): which evaluations of a scan ran
 * cleanly. The history resolves a finding that is gone, and the Security Hub
 * lifecycle archives one, only where this says its rule was evaluated cleanly.
 *
 * An evaluation is clean when the scan recorded no issue for it (a read that
 * failed, a rule that threw) and every one of its results was evaluated
 * (`isEvaluated`: not NOT_AVAILABLE, not resting on a failed read). One
 * unreadable resource therefore keeps the whole (rule, account, Region) from
 * resolving or archiving anything: fail closed.
 *
 * A finding of rule R in Region X that this scan did not produce is covered when:
 * - R is account-scoped, or reported a resource outside the Region it ran in:
 *   every evaluation of R in that account was clean;
 * - R is Region-scoped: R ran in X and that evaluation was clean.
 *
 * Coverage is built from one scan per account; an account given twice covers
 * nothing.
 */
import type { AccountScan, Evaluation } from '../engine/scan.js';
import { isEvaluated } from './status.js';

/** Which rules were evaluated cleanly where, in one scan. */
export interface Coverage {
  covers(ruleId: string, account: string, region: string): boolean;
}

/** An evaluation with no recorded issue and no result that was not evaluated. */
export function evaluationComplete(evaluation: Evaluation, failed: ReadonlySet<string>): boolean {
  if (failed.has(`${evaluation.account}|${evaluation.rule.id}|${evaluation.region}`)) return false;
  return evaluation.results.every((r) => isEvaluated({ status: r.status, incomplete: r.incomplete === true }));
}

/** What coverage keeps of one rule in one account. */
interface RuleCoverage {
  /** Account-scoped, or reported a resource outside the Region it ran in: covered only where every evaluation was clean. */
  readonly wide: boolean;
  /** Every evaluation of the rule in the account was clean. */
  readonly allClean: boolean;
  /** The Regions where it ran and was clean. */
  readonly clean: ReadonlySet<string>;
}

type AccountCoverage = ReadonlyMap<string, RuleCoverage>;

const NOTHING: AccountCoverage = new Map();

/**
 * Coverage built one account at a time, as each account's scan ends; the
 * account's evaluations can then be let go. Accounts scanned alike (the same
 * rules, clean in the same Regions: most of an organization) share one frozen
 * record, so an organization's coverage costs a few bytes per account.
 */
export class CoverageTally implements Coverage {
  private readonly accounts = new Map<string, AccountCoverage>();
  private readonly shared = new Map<string, AccountCoverage>();

  add(scan: Pick<AccountScan, 'evaluations' | 'issues'>): void {
    const failed = new Set(scan.issues.filter((i) => i.rule).map((i) => `${i.account}|${i.rule}|${i.region}`));
    const byAccount = new Map<string, Map<string, { scope: string; crossRegion: boolean; evaluations: Map<string, boolean> }>>();
    for (const e of scan.evaluations) {
      let rules = byAccount.get(e.account);
      if (!rules) {
        rules = new Map();
        byAccount.set(e.account, rules);
      }
      let entry = rules.get(e.rule.id);
      if (!entry) {
        entry = { scope: e.rule.scope, crossRegion: false, evaluations: new Map() };
        rules.set(e.rule.id, entry);
      }
      entry.evaluations.set(e.region, evaluationComplete(e, failed) && entry.evaluations.get(e.region) !== false);
      if (e.results.some((r) => r.resource.region !== undefined && r.resource.region !== e.region)) entry.crossRegion = true;
    }
    for (const [account, rules] of byAccount) {
      const entries = [...rules]
        .map(([rule, e]): [string, RuleCoverage] => [
          rule,
          {
            wide: e.scope === 'account' || e.crossRegion,
            allClean: [...e.evaluations.values()].every(Boolean),
            clean: new Set([...e.evaluations].filter(([, clean]) => clean).map(([region]) => region).sort()),
          },
        ])
        .sort(([a], [b]) => a.localeCompare(b));
      const signature = JSON.stringify(entries.map(([rule, c]) => [rule, c.wide, c.allClean, [...c.clean]]));
      let coverage = this.shared.get(signature);
      if (!coverage) {
        coverage = new Map(entries.map(([rule, c]) => [rule, Object.freeze(c)]));
        this.shared.set(signature, coverage);
      }
      // One scan per account is the rule (account lists are deduplicated); an account scanned twice
      // covers nothing, so nothing of it is resolved or archived on an evaluation that may be stale.
      this.accounts.set(account, this.accounts.has(account) ? NOTHING : coverage);
    }
  }

  covers(ruleId: string, account: string, region: string): boolean {
    const entry = this.accounts.get(account)?.get(ruleId);
    if (!entry) return false;
    return entry.wide ? entry.allClean : entry.clean.has(region);
  }
}

export function coverageOf(scans: readonly Pick<AccountScan, 'evaluations' | 'issues'>[]): Coverage {
  const tally = new CoverageTally();
  for (const scan of scans) tally.add(scan);
  return tally;
}
