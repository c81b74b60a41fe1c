/**
 * Shared by the S3 bucket rules (S3.4, S3.5, S3.8, S3.20) and S3.1.
 *
 * Bucket rules run in every scanned Region R and judge the buckets that live
 * in R, reading each bucket through R's layer (a client in the bucket's own
 * Region), so every bucket is reported once, in its Region. Buckets in Regions
 * the scan does not cover are not judged.
 */
import type { BucketInfo, PublicAccessBlock } from '../../src/data/s3.js';
import type { ResourceRef, RuleContext, RuleResult } from '../../src/engine/rule.js';
import { s3BucketResource } from './resources.js';

/** Judges every bucket of the Region being evaluated; a judge returning null gives that bucket no finding. */
export async function evaluateBucketsInRegion(
  { data, region, partition }: Pick<RuleContext, 'data' | 'region' | 'partition'>,
  judge: (bucket: BucketInfo, resource: ResourceRef) => Promise<RuleResult | null>,
): Promise<RuleResult[]> {
  const buckets = (await data.s3.buckets()).filter((bucket) => bucket.region === region);
  const results = await Promise.all(buckets.map((bucket) => judge(bucket, s3BucketResource(bucket, partition))));
  return results.filter((r): r is RuleResult => r !== null);
}

export const PUBLIC_ACCESS_BLOCK_SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

/** The Block Public Access settings that are off (all four when there is no configuration). */
export function publicAccessBlockGaps(config: PublicAccessBlock | null): string[] {
  return PUBLIC_ACCESS_BLOCK_SETTINGS.filter((setting) => config?.[setting] !== true);
}

/** The four settings as evidence (null when there is no configuration). */
export function publicAccessBlockEvidence(config: PublicAccessBlock | null): Record<string, boolean | null> {
  return Object.fromEntries(PUBLIC_ACCESS_BLOCK_SETTINGS.map((s) => [s, config ? config[s] : null]));
}
