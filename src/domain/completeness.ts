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

export function coverageOf(scans: readonly AccountScan[]): Coverage {
  const byRule = new Map<string, { scope: string; crossRegion: boolean; evaluations: Map<string, boolean> }>();
  for (const scan of scans) {
    const failed = new Set(scan.issues.filter((i) => i.rule).map((i) => `${i.account}|${i.rule}|${i.region}`));
    for (const e of scan.evaluations) {
      const key = `${e.account}|${e.rule.id}`;
      let entry = byRule.get(key);
      if (!entry) {
        entry = { scope: e.rule.scope, crossRegion: false, evaluations: new Map() };
        byRule.set(key, entry);
      }
      entry.evaluations.set(e.region, evaluationComplete(e, failed) && entry.evaluations.get(e.region) !== false);
      if (e.results.some((r) => r.resource.region !== undefined && r.resource.region !== e.region)) entry.crossRegion = true;
    }
  }
  return {
    covers(ruleId, account, region) {
      const entry = byRule.get(`${account}|${ruleId}`);
      if (!entry || entry.evaluations.size === 0) return false;
      if (entry.scope === 'account' || entry.crossRegion) return [...entry.evaluations.values()].every(Boolean);
      return entry.evaluations.get(region) === true;
    },
  };
}
