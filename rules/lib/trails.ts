/**
 * Which CloudTrail trails "qualify": the shared logic of CloudTrail.1, S3.22,
 * S3.23 and CloudWatch.1 to .14.
 *
 * A trail qualifies when it is multi-Region, logging (GetTrailStatus), and its
 * event selectors (GetEventSelectors) meet a requirement: all read and write
 * management events (CloudTrail.1, CloudWatch.x), or S3 object data events for
 * all buckets (S3.22 write, S3.23 read). Status and selectors are read in the
 * trail's home Region by ARN, which works for shadow copies of multi-Region
 * trails and for organization trails seen from member accounts.
 */
import type { AdvancedEventSelector, EventSelector, Trail } from '@aws-sdk/client-cloudtrail';
import type { TrailEventSelectors } from '../../src/data/cloudtrail.js';
import { DataUnavailable } from '../../src/data/errors.js';
import { attempt, readAll, type RuleContext } from '../../src/engine/rule.js';

// ----- ARNs ----------------------------------------------------------------

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** `arn:partition:service:region:account:resource` -> its parts; null when it is not an ARN. */
export function parseArn(arn: string | undefined | null): ParsedArn | null {
  const parts = (arn ?? '').split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return null;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

/** The account that owns a trail (from its ARN); null when the ARN is missing. */
export function trailAccount(trail: Trail): string | null {
  return parseArn(trail.TrailARN)?.account ?? null;
}

/** The trail's home Region (HomeRegion, else the Region in its ARN). */
export function trailHomeRegion(trail: Trail): string {
  return trail.HomeRegion ?? parseArn(trail.TrailARN)?.region ?? '';
}

/** The trails this account owns, homed in `region`: what the per-trail rules report on there. */
export function ownTrailsHomedIn(trails: readonly Trail[], account: string, region: string): Trail[] {
  return trails.filter((t) => trailAccount(t) === account && trailHomeRegion(t) === region);
}

// ----- event selectors -----------------------------------------------------

/** Judges a trail's event selectors: null when they meet the requirement, else why not. */
export type SelectorRequirement = (selectors: TrailEventSelectors, partition: string) => string | null;

type FieldSelector = NonNullable<AdvancedEventSelector['FieldSelectors']>[number];

const equalsOnly = (f: FieldSelector, values: string[]): boolean =>
  (f.Equals ?? []).length === values.length &&
  values.every((v) => f.Equals?.includes(v)) &&
  [f.StartsWith, f.EndsWith, f.NotEquals, f.NotStartsWith, f.NotEndsWith].every((x) => (x ?? []).length === 0);

const field = (selector: AdvancedEventSelector, name: string): FieldSelector[] =>
  (selector.FieldSelectors ?? []).filter((f) => f.Field === name);

/**
 * All read and write management events: a basic selector with
 * IncludeManagementEvents, ReadWriteType All and no excluded event source; or
 * an advanced selector with only `eventCategory = Management` (a `readOnly`
 * field limits it to reads or writes, an `eventSource` field excludes sources).
 */
export const allManagementEvents: SelectorRequirement = ({ eventSelectors, advancedEventSelectors }) => {
  const basic = (s: EventSelector) =>
    s.IncludeManagementEvents === true && s.ReadWriteType === 'All' && (s.ExcludeManagementEventSources ?? []).length === 0;
  const advanced = (s: AdvancedEventSelector) => {
    const fields = s.FieldSelectors ?? [];
    return fields.length === 1 && fields[0]?.Field === 'eventCategory' && equalsOnly(fields[0], ['Management']);
  };
  if (eventSelectors.some(basic) || advancedEventSelectors.some(advanced)) return null;
  if (eventSelectors.length === 0 && advancedEventSelectors.length === 0) return 'it has no event selectors';
  return 'no event selector captures all read and write management events';
};

export type S3Access = 'read' | 'write';

/**
 * S3 object-level data events for all current and future buckets: a basic
 * selector with a DataResource of type AWS::S3::Object and the value
 * `arn:<partition>:s3` (or `arn:<partition>:s3:::`), ReadWriteType All or the
 * wanted one; or an advanced selector with `eventCategory = Data`,
 * `resources.type = AWS::S3::Object`, no other field but `readOnly`, and
 * `readOnly` absent or equal to the wanted value.
 */
export function s3DataEvents(access: S3Access): SelectorRequirement {
  const wantedReadWrite = access === 'write' ? 'WriteOnly' : 'ReadOnly';
  const wantedReadOnly = access === 'write' ? 'false' : 'true';
  return ({ eventSelectors, advancedEventSelectors }, partition) => {
    const allBuckets = new Set([`arn:${partition}:s3`, `arn:${partition}:s3:::`]);
    const basic = (s: EventSelector) =>
      (s.ReadWriteType === 'All' || s.ReadWriteType === wantedReadWrite) &&
      (s.DataResources ?? []).some((r) => r.Type === 'AWS::S3::Object' && (r.Values ?? []).some((v) => allBuckets.has(v)));
    const advanced = (s: AdvancedEventSelector) => {
      const fields = s.FieldSelectors ?? [];
      if (fields.some((f) => !['eventCategory', 'resources.type', 'readOnly'].includes(f.Field ?? ''))) return false;
      const category = field(s, 'eventCategory');
      const type = field(s, 'resources.type');
      const readOnly = field(s, 'readOnly');
      return (
        category.length === 1 && equalsOnly(category[0] as FieldSelector, ['Data']) &&
        type.length === 1 && equalsOnly(type[0] as FieldSelector, ['AWS::S3::Object']) &&
        (readOnly.length === 0 || (readOnly.length === 1 && equalsOnly(readOnly[0] as FieldSelector, [wantedReadOnly])))
      );
    };
    if (eventSelectors.some(basic) || advancedEventSelectors.some(advanced)) return null;
    return `no event selector logs S3 object-level ${access} events for all buckets`;
  };
}

// ----- qualification -------------------------------------------------------

export interface TrailVerdict {
  trail: Trail;
  /** Multi-Region, logging, and the selectors meet the requirement. */
  qualifies: boolean;
  /** Why it does not qualify (empty when it does, or when a read failed). */
  shortfall: string | null;
  /** A read that failed: whether the trail qualifies is unknown. */
  unavailable: DataUnavailable | null;
}

/**
 * Judges each trail: not multi-Region, not logging, or selectors that miss the
 * requirement disqualify it, in that order (later reads are skipped). Each
 * read happens in the trail's home Region.
 */
export async function judgeTrails(
  ctx: Pick<RuleContext, 'dataIn' | 'partition'>,
  trails: readonly Trail[],
  requirement: SelectorRequirement,
): Promise<TrailVerdict[]> {
  return Promise.all(
    trails.map(async (trail): Promise<TrailVerdict> => {
      const verdict = (shortfall: string | null, unavailable: DataUnavailable | null = null): TrailVerdict => ({
        trail,
        qualifies: shortfall === null && unavailable === null,
        shortfall,
        unavailable,
      });
      if (trail.IsMultiRegionTrail !== true) return verdict('it is not multi-Region');
      const arn = trail.TrailARN ?? '';
      const home = ctx.dataIn(trailHomeRegion(trail));
      const status = await attempt(home.cloudtrail.trailStatus(arn));
      if (status instanceof DataUnavailable) return verdict(null, status);
      if (!status.isLogging) return verdict('it is not logging');
      const selectors = await attempt(home.cloudtrail.eventSelectors(arn));
      if (selectors instanceof DataUnavailable) return verdict(null, selectors);
      return verdict(requirement(selectors, ctx.partition));
    }),
  );
}

/** `name (shortfall)` for each trail that does not qualify, for a FAILED reason. */
export function describeShortfalls(verdicts: readonly TrailVerdict[]): string {
  const lines = verdicts.filter((v) => v.shortfall).map((v) => `${v.trail.Name ?? v.trail.TrailARN}: ${v.shortfall}`);
  return lines.length === 0 ? 'no trails' : lines.join('; ');
}

/** The trail list of every scanned Region, one entry per trail ARN (shadow copies merged). */
export async function trailsOfAllRegions(ctx: Pick<RuleContext, 'dataIn' | 'regions'>): Promise<Trail[]> {
  const lists = await readAll(ctx.regions.map((region) => ctx.dataIn(region).cloudtrail.trails()));
  const byArn = new Map<string, Trail>();
  for (const trail of lists.flat()) if (trail.TrailARN && !byArn.has(trail.TrailARN)) byArn.set(trail.TrailARN, trail);
  return [...byArn.values()].sort((a, b) => (a.TrailARN ?? '').localeCompare(b.TrailARN ?? ''));
}
