/**
 * Rule result -> ASFF finding (a pure function; the contract is in DESIGN.md,
 * "Findings").
 *
 * - One finding per (rule, resource), consolidated across benchmark versions.
 * - `Id` = `hubcheck/<rule>/<account>/<region>/<sha256 of the resource id>`:
 *   the same inputs give the same Id on every run. Never change this scheme:
 *   Security Hub would see every finding as new and the old ones would linger.
 * - `ProductArn` is the account's default product in the finding's Region.
 * - Severity sits at the top level and in FindingProviderFields; anything but a
 *   FAILED result is INFORMATIONAL, with the control's severity kept in `Original`.
 * - Every ASFF limit is applied here, and empty values are dropped.
 */
import { createHash } from 'node:crypto';
import type { AwsSecurityFinding, Resource } from '@aws-sdk/client-securityhub';
import { CIS_FINDING_TYPE, isSecurityHubVersion, relatedRequirement, standardsId, type BenchmarkVersion } from '../engine/benchmarks.js';
import { requirementsFor } from '../engine/registry.js';
import { remediationValues, renderSteps, type RenderedSteps } from '../engine/render-remediation.js';
import type { ComplianceStatus, Rule, RuleResult } from '../engine/rule.js';
import { INCOMPLETE_FIELD, REMEDIATION_FIELDS } from '../domain/status.js';
import { LIMITS, SCHEMA_VERSION, TAG_VALUE_PATTERN } from './limits.js';

export interface FindingContext {
  rule: Rule;
  account: string;
  /** The Region the rule evaluated; the resource's own Region wins when it has one. */
  region: string;
  partition: string;
  benchmarks: readonly BenchmarkVersion[];
  /** ISO time of the scan. */
  observedAt: string;
  toolVersion: string;
}

const DEFAULT_REASON_CODES: Record<ComplianceStatus, string> = {
  PASSED: 'COMPLIANT',
  FAILED: 'NON_COMPLIANT',
  WARNING: 'WARNING',
  NOT_AVAILABLE: 'DATA_UNAVAILABLE',
};

export function productArn(partition: string, region: string, account: string): string {
  return `arn:${partition}:securityhub:${region}:${account}:product/${account}/default`;
}

export function findingId(ruleId: string, account: string, region: string, resourceId: string): string {
  const hash = createHash('sha256').update(resourceId).digest('hex');
  return `hubcheck/${ruleId}/${account}/${region}/${hash}`;
}

export function toFinding(result: RuleResult, ctx: FindingContext): AwsSecurityFinding {
  const { rule } = ctx;
  const region = result.resource.region ?? ctx.region;
  const label = result.status === 'FAILED' ? rule.severity : 'INFORMATIONAL';
  const versions = ctx.benchmarks.filter((v) => requirementsFor(rule, v).length > 0);
  const fix = rule.remediation.steps
    ? renderSteps(rule.remediation.steps, remediationValues(rule, { account: ctx.account, region, partition: ctx.partition, resourceId: result.resource.id }))
    : undefined;
  const finding: AwsSecurityFinding = {
    SchemaVersion: SCHEMA_VERSION,
    Id: findingId(rule.id, ctx.account, region, result.resource.id),
    ProductArn: productArn(ctx.partition, region, ctx.account),
    GeneratorId: `hubcheck/${rule.id}`,
    AwsAccountId: ctx.account,
    Types: [CIS_FINDING_TYPE],
    CreatedAt: ctx.observedAt,
    UpdatedAt: ctx.observedAt,
    FirstObservedAt: ctx.observedAt,
    LastObservedAt: ctx.observedAt,
    Severity: { Label: label, Original: rule.severity },
    Title: truncate(rule.title, LIMITS.title),
    Description: truncate(result.reason, LIMITS.description),
    Remediation: {
      Recommendation: {
        Text: recommendationText(rule, fix),
        Url: rule.remediation.doc ?? rule.remediation.url,
      },
    },
    ProductFields: productFields(result, ctx, result.status === 'FAILED' ? fix : undefined),
    Resources: [resource(result, ctx.partition, region)],
    Compliance: {
      Status: result.status,
      ...(rule.securityHubControlId ? { SecurityControlId: rule.securityHubControlId } : {}),
      RelatedRequirements: versions
        .flatMap((v) => requirementsFor(rule, v).map((req) => truncate(relatedRequirement(v, req), LIMITS.relatedRequirement)))
        .slice(0, LIMITS.relatedRequirements),
      AssociatedStandards: versions
        .filter(isSecurityHubVersion)
        .map((v) => ({ StandardsId: standardsId(v) }))
        .slice(0, LIMITS.associatedStandards),
      StatusReasons: [
        {
          ReasonCode: result.reasonCode ?? DEFAULT_REASON_CODES[result.status],
          Description: truncate(result.reason, LIMITS.productFieldValue),
        },
      ],
    },
    FindingProviderFields: {
      Severity: { Label: label, Original: rule.severity },
      Types: [CIS_FINDING_TYPE],
    },
    RecordState: 'ACTIVE',
  };
  return fitSize(dropEmpty(finding) as AwsSecurityFinding);
}

/**
 * Keeps a finding under 240 KB: first without resource details (what Security
 * Hub itself drops for oversized control findings), then without evidence.
 */
function fitSize(finding: AwsSecurityFinding): AwsSecurityFinding {
  const size = (f: AwsSecurityFinding) => Buffer.byteLength(JSON.stringify(f), 'utf8');
  if (size(finding) <= LIMITS.findingBytes) return finding;
  const withoutDetails: AwsSecurityFinding = {
    ...finding,
    Resources: finding.Resources?.map(({ Details: _details, ...rest }) => rest),
  };
  if (size(withoutDetails) <= LIMITS.findingBytes) return withoutDetails;
  const fields = Object.fromEntries(
    Object.entries(withoutDetails.ProductFields ?? {}).filter(([key]) => !key.startsWith('hubcheck/evidence/')),
  );
  return { ...withoutDetails, ProductFields: fields };
}

/**
 * The fix in one paragraph: what to change, for this resource, then the CLI
 * commands when the whole fits in Security Hub's 512 characters.
 */
function recommendationText(rule: Rule, fix: RenderedSteps | undefined): string {
  if (!fix) return truncate(rule.remediation.text, LIMITS.recommendationText);
  const withCli = fix.cli ? `${fix.change} CLI: ${fix.cli.split('\n').join(' ; ')}` : fix.change;
  return withCli.length <= LIMITS.recommendationText ? withCli : truncate(fix.change, LIMITS.recommendationText);
}

function productFields(result: RuleResult, ctx: FindingContext, fix?: RenderedSteps): Record<string, string> {
  const fields: Record<string, string> = {
    'hubcheck/RuleId': ctx.rule.id,
    'hubcheck/Version': ctx.toolVersion,
    'hubcheck/Scope': ctx.rule.scope,
    RecommendationUrl: ctx.rule.remediation.url,
  };
  if (result.resource.name) fields['hubcheck/ResourceName'] = result.resource.name;
  if (result.incomplete) fields[INCOMPLETE_FIELD] = 'true';
  // Code is never cut: a part longer than a field may hold is left to the rule's doc.
  for (const [part, key] of Object.entries(REMEDIATION_FIELDS) as [keyof typeof REMEDIATION_FIELDS, string][]) {
    const code = fix?.[part];
    if (code && code.length <= LIMITS.productFieldValue) fields[key] = code;
  }
  for (const [key, value] of Object.entries(result.evidence ?? {})) {
    if (Object.keys(fields).length >= LIMITS.productFields) break;
    if (value === null || value === '') continue;
    fields[truncate(`hubcheck/evidence/${key}`, LIMITS.productFieldKey)] = truncate(String(value), LIMITS.productFieldValue);
  }
  return fields;
}

function resource(result: RuleResult, partition: string, region: string): Resource {
  const { resource: ref } = result;
  const tags = Object.fromEntries(
    Object.entries(ref.tags ?? {}).filter(
      ([key, value]) =>
        key.length > 0 && key.length <= LIMITS.tagKey && !key.startsWith('aws:') &&
        value.trim() !== '' && value.length <= LIMITS.tagValue && TAG_VALUE_PATTERN.test(value),
    ),
  );
  return {
    Type: truncate(ref.type, LIMITS.resourceType),
    Id: ref.id,
    Partition: partition as Resource['Partition'],
    Region: region,
    ...(ref.details ? { Details: clampDetails(ref.details) } : {}),
    ...(Object.keys(tags).length > 0 ? { Tags: tags } : {}),
  };
}

/** Resource details within ASFF limits: `Other` as a small string map, no string of 32 768 characters or more. */
function clampDetails(details: Record<string, unknown>): Record<string, unknown> {
  const clamp = (value: unknown): unknown => {
    if (typeof value === 'string') return truncate(value, LIMITS.field);
    if (Array.isArray(value)) return value.map(clamp);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clamp(v)]));
    return value;
  };
  const { Other: other, ...typed } = details;
  const clamped = clamp(typed) as Record<string, unknown>;
  if (other && typeof other === 'object') {
    clamped.Other = Object.fromEntries(
      Object.entries(other)
        .slice(0, LIMITS.detailsOther)
        .map(([k, v]) => [truncate(k, LIMITS.detailsOtherKey), truncate(String(v), LIMITS.detailsOtherValue)]),
    );
  }
  return clamped;
}

/** Cuts text to `max` characters (code points), marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Removes undefined, null, blank strings, empty arrays and empty objects, recursively: ASFF rejects them. */
export function dropEmpty(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value as unknown[]) {
      const kept = dropEmpty(item);
      if (kept !== undefined) items.push(kept);
    }
    return items.length > 0 ? items : undefined;
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    let kept = 0;
    for (const key of Object.keys(value)) {
      const v = dropEmpty((value as Record<string, unknown>)[key]);
      if (v === undefined) continue;
      // A key such as a tag named __proto__ stays a plain own property, as Object.fromEntries made it.
      if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      else out[key] = v;
      kept++;
    }
    return kept > 0 ? out : undefined;
  }
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value;
}
