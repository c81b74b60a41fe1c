/**
 * The S3 buckets CloudTrail trails deliver to: the shared iteration of
 * CloudTrail.6 and CloudTrail.7.
 *
 * Each bucket that one of the account's own trails delivers to is judged once,
 * in the bucket's Region (only when that Region is scanned), whichever trails
 * use it. A bucket missing from the account's bucket list belongs to another
 * account (central logging, organization trails) or no longer exists: this
 * account cannot read it, so it gets a WARNING, reported in the Region of the
 * first trail that uses it.
 */
import type { Trail } from '@aws-sdk/client-cloudtrail';
import { warning, type RuleContext, type RuleResult } from '../../src/engine/rule.js';
import { bucketResource } from './resources.js';
import { trailAccount, trailHomeRegion, trailsOfAllRegions } from './trails.js';

/** The code every trail-bucket rule declares beside its own. */
export const TRAIL_BUCKET_REASON_CODES = {
  TRAIL_BUCKET_NOT_IN_ACCOUNT:
    "WARNING: the trail's bucket is not one of this account's buckets (another account's, or deleted); it is checked in the account that owns it.",
} as const;

export interface TrailBucket {
  name: string;
  region: string;
  /** The account's trails that deliver to this bucket. */
  trails: Trail[];
}

export async function evaluateTrailBuckets(
  ctx: RuleContext,
  judge: (bucket: TrailBucket) => Promise<RuleResult>,
): Promise<RuleResult[]> {
  const trails = (await trailsOfAllRegions(ctx)).filter((t) => trailAccount(t) === ctx.account && t.S3BucketName);
  if (trails.length === 0) return [];
  const regionOf = new Map((await ctx.data.s3.buckets()).map((b) => [b.name, b.region]));
  const byBucket = new Map<string, Trail[]>();
  for (const trail of trails) byBucket.set(trail.S3BucketName ?? '', [...(byBucket.get(trail.S3BucketName ?? '') ?? []), trail]);

  const results: RuleResult[] = [];
  for (const [name, users] of [...byBucket].sort(([a], [b]) => a.localeCompare(b))) {
    const trailNames = users.map((t) => t.Name ?? t.TrailARN ?? '').join(', ');
    const region = regionOf.get(name);
    if (region === undefined) {
      const reportIn = users.map(trailHomeRegion).find((r) => ctx.regions.includes(r));
      if (reportIn !== ctx.region) continue;
      results.push(
        warning(
          bucketResource(name, ctx.partition, ctx.region),
          `Bucket ${name} (used by trail ${trailNames}) is not one of this account's buckets: it belongs to another account (central logging) or no longer exists, so it cannot be checked from here. Check it in the account that owns it.`,
          { reasonCode: 'TRAIL_BUCKET_NOT_IN_ACCOUNT', evidence: { trails: trailNames } },
        ),
      );
      continue;
    }
    if (region !== ctx.region) continue;
    results.push(await judge({ name, region, trails: users }));
  }
  return results;
}
