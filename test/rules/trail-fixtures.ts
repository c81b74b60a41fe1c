/**
 * Fixture builders for the CloudTrail-based rules: trails as DescribeTrails
 * lists them, with the shadow copies of multi-Region trails in every Region,
 * and status and selectors that answer only in the trail's home Region (as
 * moto does, and as the rules must ask).
 */
import type { Trail } from '@aws-sdk/client-cloudtrail';
import type { TrailEventSelectors, TrailStatus } from '../../src/data/cloudtrail.js';
import { DataUnavailable } from '../../src/data/errors.js';
import type { Fixture } from '../helpers/fixture-source.js';

export const ACCOUNT = '123456789012';
export const OTHER_ACCOUNT = '999988887777';

export interface TrailOptions {
  home?: string;
  multiRegion?: boolean;
  account?: string;
  bucket?: string;
  logGroup?: string | null;
  kms?: string;
  validation?: boolean;
}

export function trail(name: string, options: TrailOptions = {}): Trail {
  const home = options.home ?? 'us-east-1';
  const account = options.account ?? ACCOUNT;
  const logGroup = options.logGroup === undefined ? null : options.logGroup;
  return {
    Name: name,
    TrailARN: `arn:aws:cloudtrail:${home}:${account}:trail/${name}`,
    HomeRegion: home,
    IsMultiRegionTrail: options.multiRegion ?? true,
    IsOrganizationTrail: account !== ACCOUNT,
    S3BucketName: options.bucket ?? `${name}-bucket`,
    LogFileValidationEnabled: options.validation ?? false,
    ...(options.kms ? { KmsKeyId: options.kms } : {}),
    ...(logGroup ? { CloudWatchLogsLogGroupArn: `arn:aws:logs:${home}:${account}:log-group:${logGroup}:*` } : {}),
  };
}

export const ALL_MANAGEMENT: TrailEventSelectors = {
  eventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }],
  advancedEventSelectors: [],
};

export const NO_SELECTORS: TrailEventSelectors = { eventSelectors: [], advancedEventSelectors: [] };

export interface TrailState {
  logging?: boolean | DataUnavailable;
  selectors?: TrailEventSelectors | DataUnavailable;
}

/**
 * `cloudtrail.trails`, `.trailStatus` and `.eventSelectors` answers. By
 * default each trail is logging with all management events; `state[name]`
 * changes that.
 */
export function cloudtrailFixture(trails: Trail[], state: Record<string, TrailState> = {}): Fixture {
  const byArn = new Map(trails.map((t) => [t.TrailARN ?? '', t]));
  const home = (arn: string, region: string): Trail => {
    const t = byArn.get(arn);
    if (!t || t.HomeRegion !== region) throw new Error(`${arn} read in ${region}, not in its home Region`);
    return t;
  };
  return {
    'cloudtrail.trails': (_args: unknown[], region: string) => trails.filter((t) => t.HomeRegion === region || t.IsMultiRegionTrail),
    'cloudtrail.trailStatus': ([arn]: unknown[], region: string): TrailStatus | DataUnavailable => {
      const logging = state[home(String(arn), region).Name ?? '']?.logging ?? true;
      if (logging instanceof DataUnavailable) return logging;
      return { isLogging: logging, latestDeliveryTime: null, latestCloudWatchLogsDeliveryTime: null };
    },
    'cloudtrail.eventSelectors': ([arn]: unknown[], region: string) => state[home(String(arn), region).Name ?? '']?.selectors ?? ALL_MANAGEMENT,
  };
}

/** Only the `cloudtrail.trails` answer, for rules that judge what DescribeTrails says. */
export function trailListFixture(trails: Trail[]): Fixture {
  return { 'cloudtrail.trails': cloudtrailFixture(trails)['cloudtrail.trails'] };
}
