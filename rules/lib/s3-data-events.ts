/**
 * S3.22 and S3.23: one implementation, the access kind (`write` or `read`) as
 * the rule's parameter. PASS when a multi-Region, logging trail records S3
 * object-level data events of that kind for all current and future buckets.
 */
import { accountResource, fail, pass, unavailable, type ReasonCodes, type RuleContext, type RuleResult } from '../../src/engine/rule.js';
import { describeShortfalls, judgeTrails, s3DataEvents, trailHomeRegion } from './trails.js';

export type S3DataEventParams = { access: string };

/** The reason codes of S3.22 and S3.23. */
export const S3_DATA_EVENT_REASON_CODES = {
  S3_DATA_EVENTS_LOGGED: 'A multi-Region, logging trail records S3 object-level data events of the access kind for all buckets.',
  S3_DATA_EVENTS_NOT_LOGGED: 'No multi-Region, logging trail records those events for all buckets (the reason says why each trail falls short).',
} as const satisfies ReasonCodes;

export async function evaluateS3DataEvents(ctx: RuleContext<S3DataEventParams>): Promise<RuleResult[]> {
  const access = ctx.params.access;
  if (access !== 'read' && access !== 'write') throw new Error(`parameter access must be 'read' or 'write', not '${access}'`);
  const resource = accountResource(ctx.account, ctx.region);
  const verdicts = await judgeTrails(ctx, await ctx.data.cloudtrail.trails(), s3DataEvents(access));
  const qualifying = verdicts.find((v) => v.qualifies);
  if (qualifying) {
    const { trail } = qualifying;
    return [
      pass(resource, `Multi-Region trail ${trail.Name} logs S3 object-level ${access} events for all buckets.`, {
        reasonCode: 'S3_DATA_EVENTS_LOGGED',
        evidence: { trailArn: trail.TrailARN ?? null, trailHomeRegion: trailHomeRegion(trail) },
      }),
    ];
  }
  const unknown = verdicts.find((v) => v.unavailable);
  if (unknown?.unavailable) return [unavailable(resource, unknown.unavailable)];
  return [
    fail(resource, `No multi-Region, logging trail records S3 object-level ${access} events for all buckets (${describeShortfalls(verdicts)}).`, {
      reasonCode: 'S3_DATA_EVENTS_NOT_LOGGED',
      evidence: { trails: verdicts.length },
    }),
  ];
}

export const S3_DATA_EVENT_ACTIONS = ['cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors'] as const;
