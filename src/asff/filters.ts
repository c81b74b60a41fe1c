/**
 * Security Hub's finding filters (AwsSecurityFindingFilters), evaluated over
 * local ASFF findings with the documented semantics (spec section 4.3).
 *
 * - Filter keys are AND-ed; at most 10 keys, at most 20 conditions per key.
 * - StringFilter: on one key, positive comparisons (EQUALS, PREFIX, CONTAINS)
 *   are OR-ed and negative ones (NOT_EQUALS, PREFIX_NOT_EQUALS, NOT_CONTAINS)
 *   AND-ed; a finding matches when it passes both groups (PREFIX "first, then
 *   the exclusions"). Rejected on one key, as Security Hub rejects them:
 *   CONTAINS with NOT_CONTAINS, EQUALS with NOT_EQUALS or PREFIX_NOT_EQUALS,
 *   CONTAINS with anything but CONTAINS, NOT_CONTAINS with anything but
 *   NOT_CONTAINS. CONTAINS_WORD belongs to the OCSF (V2) APIs: rejected.
 * - MapFilter: the same rules over the value of `Key`.
 * - DateFilter: Start and/or End (inclusive), or DateRange { Value (a JSON
 *   number), Unit DAYS, Comparison WITHIN (default) | OLDER_THAN } relative to
 *   the `now` given.
 * - NumberFilter: the bounds of one filter AND-ed (Gte, Lte, Eq, Gt, Lt).
 * - BooleanFilter, KeywordFilter, IpFilter.
 *
 * Choices where the documentation is silent (docs/securityhub.md lists them):
 * - Several Date, Number, Boolean, Keyword or Ip filters on one key are OR-ed,
 *   like positive string comparisons.
 * - A key with several values in a finding (Types, Resources[].Type, ...)
 *   matches a positive condition when any value does, and a negative
 *   condition when no value matches what it excludes. A resource-level key
 *   matches when any resource of the finding does.
 * - A finding without the field fails positive conditions and passes negative
 *   ones. Fields Security Hub fills in on import are defaulted the same way:
 *   RecordState ACTIVE, WorkflowStatus NEW, Region from the ProductArn,
 *   Sample false, FindingProviderFields.Severity/Types from the top level,
 *   SeverityNormalized from the label (and the reverse).
 * - CONTAINS / NOT_CONTAINS are documented for automation rules only: they are
 *   evaluated locally with a warning, and refused for CreateInsight
 *   (`forService`).
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { TIMESTAMP_PATTERN } from './limits.js';

export class FilterError extends Error {
  override readonly name = 'FilterError';
}

export const MAX_FILTER_KEYS = 10;
export const MAX_FILTER_VALUES = 20;

type Kind = 'string' | 'date' | 'number' | 'map' | 'boolean' | 'keyword' | 'ip';
type Getter = (f: AwsSecurityFinding) => unknown[];

interface FieldSpec {
  kind: Kind;
  get: Getter;
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Values at a path like `Resources[].Details.AwsEc2Instance.ImageId`; `[]` flattens an array. */
export function pick(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const raw of path.split('.')) {
    const many = raw.endsWith('[]');
    const key = many ? raw.slice(0, -2) : raw;
    const next: unknown[] = [];
    for (const item of current) {
      if (!isObject(item)) continue;
      const v = item[key];
      if (v === undefined || v === null) continue;
      if (many) {
        if (Array.isArray(v)) next.push(...(v as unknown[]));
      } else next.push(v);
    }
    current = next;
  }
  return current.flatMap((v): unknown[] => (Array.isArray(v) ? (v as unknown[]) : [v]));
}

const at = (path: string): Getter => (f) => pick(f, path);
const withDefault = (path: string, fallback: (f: AwsSecurityFinding) => unknown[]): Getter => (f) => {
  const values = pick(f, path);
  return values.length > 0 ? values : fallback(f);
};

const LABEL_TO_NORMALIZED: Record<string, number> = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 40, HIGH: 70, CRITICAL: 90 };
function normalizedToLabel(n: number): string {
  if (n === 0) return 'INFORMATIONAL';
  if (n < 40) return 'LOW';
  if (n < 70) return 'MEDIUM';
  if (n < 90) return 'HIGH';
  return 'CRITICAL';
}
const severityLabel: Getter = withDefault('Severity.Label', (f) =>
  typeof f.Severity?.Normalized === 'number' ? [normalizedToLabel(f.Severity.Normalized)] : [],
);
const regionOf: Getter = withDefault('Region', (f) => {
  const region = /^arn:[^:]+:securityhub:([^:]+):/.exec(f.ProductArn ?? '')?.[1];
  return region ? [region] : [];
});

const string = (get: Getter): FieldSpec => ({ kind: 'string', get });
const date = (get: Getter): FieldSpec => ({ kind: 'date', get });
const number = (get: Getter): FieldSpec => ({ kind: 'number', get });
const map = (get: Getter): FieldSpec => ({ kind: 'map', get });
const ip = (get: Getter): FieldSpec => ({ kind: 'ip', get });
const ec2 = (field: string) => at(`Resources[].Details.AwsEc2Instance.${field}`);
const accessKey = (field: string) => at(`Resources[].Details.AwsIamAccessKey.${field}`);

/** Every filter key hubcheck evaluates, mapped to its ASFF field. */
export const FILTER_FIELDS: Readonly<Record<string, FieldSpec>> = {
  ProductArn: string(at('ProductArn')),
  AwsAccountId: string(at('AwsAccountId')),
  AwsAccountName: string(at('AwsAccountName')),
  Id: string(at('Id')),
  GeneratorId: string(at('GeneratorId')),
  Region: string(regionOf),
  Type: string(at('Types')),
  SeverityLabel: string(severityLabel),
  Title: string(at('Title')),
  Description: string(at('Description')),
  RecommendationText: string(at('Remediation.Recommendation.Text')),
  SourceUrl: string(at('SourceUrl')),
  ProductName: string(at('ProductName')),
  CompanyName: string(at('CompanyName')),
  ComplianceStatus: string(at('Compliance.Status')),
  ComplianceSecurityControlId: string(at('Compliance.SecurityControlId')),
  ComplianceAssociatedStandardsId: string(at('Compliance.AssociatedStandards[].StandardsId')),
  ComplianceSecurityControlParametersName: string(at('Compliance.SecurityControlParameters[].Name')),
  ComplianceSecurityControlParametersValue: string(at('Compliance.SecurityControlParameters[].Value')),
  VerificationState: string(at('VerificationState')),
  WorkflowState: string(withDefault('WorkflowState', () => ['NEW'])),
  WorkflowStatus: string(withDefault('Workflow.Status', () => ['NEW'])),
  RecordState: string(withDefault('RecordState', () => ['ACTIVE'])),
  RelatedFindingsProductArn: string(at('RelatedFindings[].ProductArn')),
  RelatedFindingsId: string(at('RelatedFindings[].Id')),
  NoteText: string(at('Note.Text')),
  NoteUpdatedBy: string(at('Note.UpdatedBy')),
  FindingProviderFieldsSeverityLabel: string(withDefault('FindingProviderFields.Severity.Label', severityLabel)),
  FindingProviderFieldsSeverityOriginal: string(withDefault('FindingProviderFields.Severity.Original', at('Severity.Original'))),
  FindingProviderFieldsTypes: string(withDefault('FindingProviderFields.Types', at('Types'))),
  FindingProviderFieldsRelatedFindingsId: string(at('FindingProviderFields.RelatedFindings[].Id')),
  FindingProviderFieldsRelatedFindingsProductArn: string(at('FindingProviderFields.RelatedFindings[].ProductArn')),
  MalwareName: string(at('Malware[].Name')),
  MalwareType: string(at('Malware[].Type')),
  MalwarePath: string(at('Malware[].Path')),
  MalwareState: string(at('Malware[].State')),
  NetworkDirection: string(at('Network.Direction')),
  NetworkProtocol: string(at('Network.Protocol')),
  NetworkSourceDomain: string(at('Network.SourceDomain')),
  NetworkSourceMac: string(at('Network.SourceMac')),
  NetworkDestinationDomain: string(at('Network.DestinationDomain')),
  ProcessName: string(at('Process.Name')),
  ProcessPath: string(at('Process.Path')),
  ThreatIntelIndicatorType: string(at('ThreatIntelIndicators[].Type')),
  ThreatIntelIndicatorValue: string(at('ThreatIntelIndicators[].Value')),
  ThreatIntelIndicatorCategory: string(at('ThreatIntelIndicators[].Category')),
  ThreatIntelIndicatorSource: string(at('ThreatIntelIndicators[].Source')),
  ThreatIntelIndicatorSourceUrl: string(at('ThreatIntelIndicators[].SourceUrl')),
  VulnerabilitiesExploitAvailable: string(at('Vulnerabilities[].ExploitAvailable')),
  VulnerabilitiesFixAvailable: string(at('Vulnerabilities[].FixAvailable')),
  ResourceType: string(at('Resources[].Type')),
  ResourceId: string(at('Resources[].Id')),
  ResourcePartition: string(at('Resources[].Partition')),
  ResourceRegion: string(at('Resources[].Region')),
  ResourceApplicationName: string(at('Resources[].ApplicationName')),
  ResourceApplicationArn: string(at('Resources[].ApplicationArn')),
  ResourceOwnerAccountId: string(at('Resources[].Owner.AccountId')),
  ResourceOwnerOrgId: string(at('Resources[].Owner.OrgId')),
  ResourceProvider: string(at('Resources[].Provider')),
  ResourceAwsEc2InstanceType: string(ec2('Type')),
  ResourceAwsEc2InstanceImageId: string(ec2('ImageId')),
  ResourceAwsEc2InstanceKeyName: string(ec2('KeyName')),
  ResourceAwsEc2InstanceIamInstanceProfileArn: string(ec2('IamInstanceProfileArn')),
  ResourceAwsEc2InstanceVpcId: string(ec2('VpcId')),
  ResourceAwsEc2InstanceSubnetId: string(ec2('SubnetId')),
  ResourceAwsS3BucketOwnerId: string(at('Resources[].Details.AwsS3Bucket.OwnerId')),
  ResourceAwsS3BucketOwnerName: string(at('Resources[].Details.AwsS3Bucket.OwnerName')),
  ResourceAwsIamAccessKeyUserName: string(accessKey('UserName')),
  ResourceAwsIamAccessKeyPrincipalName: string(accessKey('PrincipalName')),
  ResourceAwsIamAccessKeyStatus: string(accessKey('Status')),
  ResourceAwsIamUserUserName: string(at('Resources[].Details.AwsIamUser.UserName')),
  ResourceContainerName: string(at('Resources[].Details.Container.Name')),
  ResourceContainerImageId: string(at('Resources[].Details.Container.ImageId')),
  ResourceContainerImageName: string(at('Resources[].Details.Container.ImageName')),

  FirstObservedAt: date(at('FirstObservedAt')),
  LastObservedAt: date(at('LastObservedAt')),
  CreatedAt: date(at('CreatedAt')),
  UpdatedAt: date(at('UpdatedAt')),
  NoteUpdatedAt: date(at('Note.UpdatedAt')),
  ProcessLaunchedAt: date(at('Process.LaunchedAt')),
  ProcessTerminatedAt: date(at('Process.TerminatedAt')),
  ThreatIntelIndicatorLastObservedAt: date(at('ThreatIntelIndicators[].LastObservedAt')),
  ResourceAwsEc2InstanceLaunchedAt: date(ec2('LaunchedAt')),
  ResourceAwsIamAccessKeyCreatedAt: date(accessKey('CreatedAt')),
  ResourceContainerLaunchedAt: date(at('Resources[].Details.Container.LaunchedAt')),

  SeverityNormalized: number(
    withDefault('Severity.Normalized', (f) => {
      const n = LABEL_TO_NORMALIZED[f.Severity?.Label ?? ''];
      return n === undefined ? [] : [n];
    }),
  ),
  SeverityProduct: number(at('Severity.Product')),
  Confidence: number(at('Confidence')),
  Criticality: number(at('Criticality')),
  FindingProviderFieldsConfidence: number(withDefault('FindingProviderFields.Confidence', at('Confidence'))),
  FindingProviderFieldsCriticality: number(withDefault('FindingProviderFields.Criticality', at('Criticality'))),
  NetworkSourcePort: number(at('Network.SourcePort')),
  NetworkDestinationPort: number(at('Network.DestinationPort')),
  ProcessPid: number(at('Process.Pid')),
  ProcessParentPid: number(at('Process.ParentPid')),

  ProductFields: map(at('ProductFields')),
  UserDefinedFields: map(at('UserDefinedFields')),
  ResourceTags: map(at('Resources[].Tags')),
  ResourceDetailsOther: map(at('Resources[].Details.Other')),

  NetworkSourceIpV4: ip(at('Network.SourceIpV4')),
  NetworkSourceIpV6: ip(at('Network.SourceIpV6')),
  NetworkDestinationIpV4: ip(at('Network.DestinationIpV4')),
  NetworkDestinationIpV6: ip(at('Network.DestinationIpV6')),
  ResourceAwsEc2InstanceIpV4Addresses: ip(ec2('IpV4Addresses')),
  ResourceAwsEc2InstanceIpV6Addresses: ip(ec2('IpV6Addresses')),

  Sample: { kind: 'boolean', get: withDefault('Sample', () => [false]) },
  Keyword: { kind: 'keyword', get: (f) => stringLeaves(f) },
};

function stringLeaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (isObject(value)) return Object.values(value).flatMap(stringLeaves);
  return [];
}

// ----- comparisons ----------------------------------------------------------

const STRING_COMPARISONS = ['EQUALS', 'PREFIX', 'NOT_EQUALS', 'PREFIX_NOT_EQUALS', 'CONTAINS', 'NOT_CONTAINS'] as const;
const MAP_COMPARISONS = ['EQUALS', 'NOT_EQUALS', 'CONTAINS', 'NOT_CONTAINS'] as const;
type Comparison = (typeof STRING_COMPARISONS)[number];
const POSITIVE = new Set<Comparison>(['EQUALS', 'PREFIX', 'CONTAINS']);
/** The positive test a negative comparison excludes. */
const EXCLUDES: Record<string, Comparison> = { NOT_EQUALS: 'EQUALS', PREFIX_NOT_EQUALS: 'PREFIX', NOT_CONTAINS: 'CONTAINS' };

function matches(comparison: Comparison, actual: string, expected: string): boolean {
  switch (comparison) {
    case 'EQUALS':
      return actual === expected;
    case 'PREFIX':
      return actual.startsWith(expected);
    case 'CONTAINS':
      return actual.includes(expected);
    default:
      return !matches(EXCLUDES[comparison] as Comparison, actual, expected);
  }
}

/** The combinations Security Hub rejects on one field (spec 4.3). */
function checkCombination(key: string, comparisons: readonly Comparison[]): void {
  const has = (c: Comparison) => comparisons.includes(c);
  const banned: [Comparison, Comparison][] = [
    ['CONTAINS', 'NOT_CONTAINS'],
    ['EQUALS', 'NOT_EQUALS'],
    ['EQUALS', 'PREFIX_NOT_EQUALS'],
  ];
  for (const [a, b] of banned) {
    if (has(a) && has(b)) throw new FilterError(`${key}: ${a} cannot be combined with ${b} on the same field`);
  }
  for (const only of ['CONTAINS', 'NOT_CONTAINS'] as const) {
    const others = [...new Set(comparisons.filter((c) => c !== only))];
    if (has(only) && others.length > 0) {
      throw new FilterError(`${key}: ${only} can only be combined with other ${only} filters on the same field (found ${others.join(', ')})`);
    }
  }
}

// ----- compiling ------------------------------------------------------------

type Test = (f: AwsSecurityFinding) => boolean;

export interface CompileOptions {
  /** The time DateRange filters are relative to. */
  now?: Date;
  /** The filters will be sent to GetFindings / CreateInsight: refuse what is documented for automation rules only. */
  forService?: boolean;
}

export interface CompiledFilters {
  test: Test;
  /** Notes about conditions evaluated locally that Security Hub may not accept in GetFindings / CreateInsight. */
  warnings: string[];
}

const DAY_MS = 86_400_000;

/** Checks and compiles filters; throws a FilterError naming the key and condition at fault. */
export function compileFilters(filters: unknown, options: CompileOptions = {}): CompiledFilters {
  if (!isObject(filters)) throw new FilterError('filters must be a JSON object of filter keys (AwsSecurityFindingFilters)');
  const keys = Object.keys(filters);
  if (keys.length > MAX_FILTER_KEYS) {
    throw new FilterError(`at most ${MAX_FILTER_KEYS} filter attributes are allowed (found ${keys.length}: ${keys.join(', ')})`);
  }
  const now = (options.now ?? new Date()).getTime();
  const warnings: string[] = [];
  const tests: Test[] = keys.map((key) => {
    const spec = FILTER_FIELDS[key];
    if (!spec) {
      const hint = suggestion(key);
      throw new FilterError(`unknown filter key ${key}${hint ? `; did you mean ${hint}?` : ''}`);
    }
    const conditions = filters[key];
    if (!Array.isArray(conditions) || conditions.length === 0) throw new FilterError(`${key}: must be a non-empty array of conditions`);
    if (conditions.length > MAX_FILTER_VALUES) {
      throw new FilterError(`${key}: at most ${MAX_FILTER_VALUES} values are allowed per attribute (found ${conditions.length})`);
    }
    conditions.forEach((c, i) => {
      if (!isObject(c)) throw new FilterError(`${key}[${i}]: must be an object`);
    });
    const conds = conditions as Obj[];
    switch (spec.kind) {
      case 'string':
        return stringTest(key, spec.get, conds, options, warnings);
      case 'map':
        return mapTest(key, spec.get, conds, options, warnings);
      case 'date':
        return anyOf(conds.map((c, i) => dateTest(`${key}[${i}]`, spec.get, c, now)));
      case 'number':
        return anyOf(conds.map((c, i) => numberTest(`${key}[${i}]`, spec.get, c)));
      case 'boolean':
        return anyOf(
          conds.map((c, i) => {
            if (typeof c.Value !== 'boolean') throw new FilterError(`${key}[${i}].Value: must be true or false`);
            return (f: AwsSecurityFinding) => spec.get(f).some((v) => v === c.Value);
          }),
        );
      case 'keyword':
        return anyOf(
          conds.map((c, i) => {
            const value = nonEmpty(c.Value, `${key}[${i}].Value`);
            return (f: AwsSecurityFinding) => spec.get(f).some((v) => typeof v === 'string' && v.includes(value));
          }),
        );
      case 'ip':
        return anyOf(
          conds.map((c, i) => {
            const inRange = parseCidr(nonEmpty(c.Cidr, `${key}[${i}].Cidr`), `${key}[${i}].Cidr`);
            return (f: AwsSecurityFinding) => spec.get(f).some((v) => typeof v === 'string' && inRange(v));
          }),
        );
    }
  });
  return { test: (f) => tests.every((t) => t(f)), warnings };
}

export function filterFindings<F extends AwsSecurityFinding>(findings: readonly F[], filters: unknown, options: CompileOptions = {}): F[] {
  const { test } = compileFilters(filters, options);
  return findings.filter(test);
}

const anyOf = (tests: Test[]): Test => (f) => tests.some((t) => t(f));

function nonEmpty(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new FilterError(`${where}: must be a non-empty string`);
  return value;
}

function comparisonOf(c: Obj, where: string, allowed: readonly string[], options: CompileOptions, warnings: string[]): Comparison {
  const comparison = c.Comparison;
  if (comparison === 'CONTAINS_WORD') throw new FilterError(`${where}.Comparison: CONTAINS_WORD belongs to the OCSF (V2) APIs, not to ASFF finding filters`);
  if (typeof comparison !== 'string' || !allowed.includes(comparison)) {
    throw new FilterError(`${where}.Comparison: must be one of ${allowed.join(', ')} (is ${JSON.stringify(comparison)})`);
  }
  if (comparison === 'CONTAINS' || comparison === 'NOT_CONTAINS') {
    const note = `${where}: ${comparison} is documented for automation rules only; GetFindings and CreateInsight may reject it`;
    if (options.forService) throw new FilterError(`${note}, so hubcheck does not send it`);
    if (!warnings.includes(note)) warnings.push(note);
  }
  return comparison as Comparison;
}

function groupTest(
  key: string,
  conditions: { comparison: Comparison; test: (f: AwsSecurityFinding, c: Comparison) => boolean }[],
): Test {
  checkCombination(key, conditions.map((c) => c.comparison));
  const positive = conditions.filter((c) => POSITIVE.has(c.comparison));
  const negative = conditions.filter((c) => !POSITIVE.has(c.comparison));
  return (f) =>
    (positive.length === 0 || positive.some((c) => c.test(f, c.comparison))) &&
    negative.every((c) => !c.test(f, EXCLUDES[c.comparison] as Comparison));
}

function stringTest(key: string, get: Getter, conds: Obj[], options: CompileOptions, warnings: string[]): Test {
  return groupTest(
    key,
    conds.map((c, i) => {
      const comparison = comparisonOf(c, `${key}[${i}]`, STRING_COMPARISONS, options, warnings);
      const expected = nonEmpty(c.Value, `${key}[${i}].Value`);
      // `positive` is the comparison to test; for a negative condition, the one it excludes.
      return {
        comparison,
        test: (f: AwsSecurityFinding, positive: Comparison) =>
          get(f).some((v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && matches(positive, String(v), expected)),
      };
    }),
  );
}

function mapTest(key: string, get: Getter, conds: Obj[], options: CompileOptions, warnings: string[]): Test {
  return groupTest(
    key,
    conds.map((c, i) => {
      const comparison = comparisonOf(c, `${key}[${i}]`, MAP_COMPARISONS, options, warnings);
      const mapKey = nonEmpty(c.Key, `${key}[${i}].Key`);
      const expected = nonEmpty(c.Value, `${key}[${i}].Value`);
      return {
        comparison,
        test: (f: AwsSecurityFinding, positive: Comparison) =>
          get(f).some((m) => isObject(m) && typeof m[mapKey] === 'string' && matches(positive, m[mapKey], expected)),
      };
    }),
  );
}

function timestamp(value: unknown, where: string): number {
  if (typeof value !== 'string' || !TIMESTAMP_PATTERN.test(value) || Number.isNaN(Date.parse(value))) {
    throw new FilterError(`${where}: must be an RFC 3339 timestamp such as 2026-11-27T00:00:00Z (is ${JSON.stringify(value)})`);
  }
  return Date.parse(value);
}

function dateTest(where: string, get: Getter, c: Obj, now: number): Test {
  const hasRange = c.DateRange !== undefined;
  if (hasRange && (c.Start !== undefined || c.End !== undefined)) {
    throw new FilterError(`${where}: use either Start/End or DateRange, not both`);
  }
  let lo = -Infinity;
  let hi = Infinity;
  let strictHi = false;
  if (hasRange) {
    const range = c.DateRange;
    if (!isObject(range)) throw new FilterError(`${where}.DateRange: must be an object { Value, Unit, Comparison }`);
    if (typeof range.Value !== 'number' || !Number.isFinite(range.Value) || range.Value < 0) {
      throw new FilterError(`${where}.DateRange.Value: must be a non-negative number, not ${JSON.stringify(range.Value)} (a string such as "7" is rejected)`);
    }
    if (range.Unit !== 'DAYS') throw new FilterError(`${where}.DateRange.Unit: must be DAYS (is ${JSON.stringify(range.Unit)})`);
    const comparison = range.Comparison ?? 'WITHIN';
    if (comparison !== 'WITHIN' && comparison !== 'OLDER_THAN') {
      throw new FilterError(`${where}.DateRange.Comparison: must be WITHIN or OLDER_THAN (is ${JSON.stringify(comparison)})`);
    }
    const cutoff = now - range.Value * DAY_MS;
    if (comparison === 'WITHIN') lo = cutoff;
    else {
      hi = cutoff;
      strictHi = true;
    }
  } else {
    if (c.Start === undefined && c.End === undefined) throw new FilterError(`${where}: needs Start, End or DateRange`);
    if (c.Start !== undefined) lo = timestamp(c.Start, `${where}.Start`);
    if (c.End !== undefined) hi = timestamp(c.End, `${where}.End`);
    if (lo > hi) throw new FilterError(`${where}: Start is after End`);
  }
  return (f) =>
    get(f).some((v) => {
      const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
      return !Number.isNaN(t) && t >= lo && (strictHi ? t < hi : t <= hi);
    });
}

function numberTest(where: string, get: Getter, c: Obj): Test {
  const bounds = (['Gte', 'Lte', 'Eq', 'Gt', 'Lt'] as const).filter((b) => c[b] !== undefined);
  if (bounds.length === 0) throw new FilterError(`${where}: needs at least one of Gte, Lte, Eq, Gt, Lt`);
  for (const b of bounds) {
    if (typeof c[b] !== 'number' || !Number.isFinite(c[b])) throw new FilterError(`${where}.${b}: must be a number (is ${JSON.stringify(c[b])})`);
  }
  const n = (b: string) => c[b] as number;
  return (f) =>
    get(f).some(
      (v) =>
        typeof v === 'number' &&
        bounds.every((b) => (b === 'Gte' ? v >= n(b) : b === 'Lte' ? v <= n(b) : b === 'Eq' ? v === n(b) : b === 'Gt' ? v > n(b) : v < n(b))),
    );
}

// ----- IP ranges --------------------------------------------------------------

function parseIp(text: string): { v6: boolean; value: bigint } | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const parts = text.split('.').map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { v6: false, value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n) };
  }
  if (!text.includes(':') || !/^[0-9a-fA-F:]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? head.length !== 8 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.some((g) => g.length === 0 || g.length > 4)) return undefined;
  return { v6: true, value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n) };
}

function parseCidr(cidr: string, where: string): (ip: string) => boolean {
  const [address = '', bitsText] = cidr.split('/');
  const base = parseIp(address);
  const width = base?.v6 ? 128 : 32;
  const bits = bitsText === undefined ? width : Number(bitsText);
  if (!base || !Number.isInteger(bits) || bits < 0 || bits > width) throw new FilterError(`${where}: ${JSON.stringify(cidr)} is not a CIDR block`);
  const shift = BigInt(width - bits);
  return (text) => {
    const ip = parseIp(text);
    return ip !== undefined && ip.v6 === base.v6 && ip.value >> shift === base.value >> shift;
  };
}

// ----- messages ----------------------------------------------------------------

function suggestion(key: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of Object.keys(FILTER_FIELDS)) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 4)) ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
