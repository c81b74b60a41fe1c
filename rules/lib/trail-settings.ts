/**
 * CloudTrail.2, .4 and .5: one setting of each of the account's own trails,
 * judged once per trail, in the trail's home Region (a multi-Region trail is
 * listed in every Region, but reported only where it is homed).
 */
import type { Trail } from '@aws-sdk/client-cloudtrail';
import { fail, pass, type Evidence, type RuleContext, type RuleResult } from '../../src/engine/rule.js';
import { trailResource } from './resources.js';
import { ownTrailsHomedIn } from './trails.js';

export interface TrailSettingVerdict {
  ok: boolean;
  /** The sentence for the result, PASSED or FAILED. */
  reason: string;
  evidence: Evidence;
}

/** The two codes of a trail setting: the setting is on, or it is off. */
export interface TrailSettingCodes {
  passed: string;
  failed: string;
}

export async function evaluateTrailSetting(
  ctx: RuleContext,
  codes: TrailSettingCodes,
  judge: (trail: Trail) => TrailSettingVerdict,
): Promise<RuleResult[]> {
  return ownTrailsHomedIn(await ctx.data.cloudtrail.trails(), ctx.account, ctx.region).map((trail) => {
    const { ok, reason, evidence } = judge(trail);
    return ok
      ? pass(trailResource(trail), reason, { reasonCode: codes.passed, evidence })
      : fail(trailResource(trail), reason, { reasonCode: codes.failed, evidence });
  });
}
