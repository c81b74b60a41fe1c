/**
 * Suppressions: a YAML file of accepted risks. A matching finding that is not
 * PASSED stays in every report, marked SUPPRESSED (ASFF `Workflow.Status`) with
 * the reason, owner and expiry in ProductFields; it is never turned into
 * PASSED, and it does not trip --fail-on or --fail-on-new.
 *
 *   suppressions:
 *     - rule: IAM.5                  # rule id or Security Hub control id
 *       account: "123456789012"      # optional (default any); quote it
 *       region: us-east-1            # optional (default any)
 *       resource: "arn:aws:iam::*:user/break-glass-*"   # optional: resource ARN/Id or name
 *       reason: Break-glass user; its MFA device is in the safe
 *       owner: security@example.com
 *       expires: 2027-01-31          # applies through this day (UTC), then stops
 *       override-workflow: true      # optional: with --securityhub, suppress even where a person set the workflow
 *
 * `rule`, `account`, `region` and `resource` take one pattern or a list; `*`
 * matches any run of characters. An expired entry no longer applies and is
 * reported as a warning. A malformed file is a one-line usage error naming
 * file:line.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { LIMITS } from '../asff/limits.js';
import { truncate } from '../asff/to-asff.js';
import { UsageError } from '../errors.js';
import { checkYamlDepth, readInputText, yaml } from '../io/read-input.js';

export interface Suppression {
  rule: string[];
  account: string[];
  region: string[];
  resource: string[];
  reason: string;
  owner: string;
  /** As written: YYYY-MM-DD or an ISO date-time. */
  expires: string;
  /** The first instant the entry no longer applies. */
  expiresAt: Date;
  /** `file:line` of the entry. */
  source: string;
  /** With --securityhub: set SUPPRESSED even over a workflow status a person set (docs/securityhub.md). */
  overrideWorkflow?: boolean;
}

export const SUPPRESSION_FIELDS = {
  reason: 'hubcheck/Suppression/Reason',
  owner: 'hubcheck/Suppression/Owner',
  expires: 'hubcheck/Suppression/Expires',
  source: 'hubcheck/Suppression/Source',
  overrideWorkflow: 'hubcheck/Suppression/OverrideWorkflow',
} as const;

const KEYS = ['rule', 'account', 'region', 'resource', 'reason', 'owner', 'expires', 'override-workflow'] as const;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export async function loadSuppressions(file: string): Promise<Suppression[]> {
  return parseSuppressions(await readInputText(file, 'suppressions'), file);
}

export function parseSuppressions(text: string, file: string): Suppression[] {
  const { LineCounter, isMap, isSeq, parseDocument } = yaml();
  checkYamlDepth(text, file, 'suppressions');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => `${file}:${offset === undefined ? 1 : lineCounter.linePos(offset).line}`;
  const firstError = doc.errors[0];
  if (firstError) {
    throw new UsageError(`${at(firstError.pos[0])}: not valid YAML: ${firstError.message.split('\n')[0]}`);
  }
  const root = doc.contents;
  if (root === null) return [];
  if (!isMap(root)) throw new UsageError(`${at(root.range?.[0])}: expected a mapping with a "suppressions" list`);
  for (const pair of root.items) {
    const key = (pair.key as { value?: unknown } | null)?.value;
    if (key !== 'suppressions') {
      throw new UsageError(`${at((pair.key as { range?: number[] } | null)?.range?.[0])}: unknown key ${JSON.stringify(key)}; expected "suppressions"`);
    }
  }
  const list = root.get('suppressions', true);
  if (list === undefined || list === null || (list as { value?: unknown }).value === null) return [];
  if (!isSeq(list)) throw new UsageError(`${at((list as { range?: number[] }).range?.[0])}: "suppressions" must be a list of entries`);
  return list.items.map((item, index) => parseEntry(item, index, at));
}

function parseEntry(item: unknown, index: number, at: (offset: number | undefined) => string): Suppression {
  const { isMap, isSeq } = yaml();
  const range = (node: unknown) => (node as { range?: number[] } | null | undefined)?.range?.[0];
  const where = at(range(item));
  const fail = (message: string, node?: unknown): never => {
    throw new UsageError(`${node === undefined ? where : at(range(node) ?? range(item))}: suppression ${index + 1}: ${message}`);
  };
  if (!isMap(item)) return fail('must be a mapping with rule, reason, owner and expires');
  const values = new Map<string, unknown>();
  for (const pair of item.items) {
    const key = (pair.key as { value?: unknown } | null)?.value;
    if (typeof key !== 'string' || !(KEYS as readonly string[]).includes(key)) {
      fail(`unknown key ${JSON.stringify(key)}; expected ${KEYS.join(', ')}`, pair.key);
    }
    values.set(key as string, pair.value);
  }
  const node = (key: string) => values.get(key);
  const scalar = (key: string) => {
    const n = node(key) as { value?: unknown } | null | undefined;
    return n && typeof n === 'object' && 'value' in n ? n.value : n;
  };
  const text = (key: string, required: boolean): string | undefined => {
    if (!values.has(key)) return required ? fail(`missing "${key}"`) : undefined;
    const value = scalar(key);
    if (key === 'account' && typeof value === 'number') {
      fail('account must be a quoted string ("012345678901"): unquoted, YAML reads it as a number', node(key));
    }
    if (typeof value !== 'string' || value.trim() === '') fail(`"${key}" must be a non-empty string`, node(key));
    return (value as string).trim();
  };
  const patterns = (key: string, required: boolean): string[] => {
    if (!values.has(key)) return required ? fail(`missing "${key}"`) : ['*'];
    const n = node(key);
    if (isSeq(n)) {
      const items = n.items.map((i) => (i as { value?: unknown }).value);
      if (items.length === 0 || items.some((v) => typeof v !== 'string' || v.trim() === '')) {
        fail(`"${key}" must be a pattern or a non-empty list of patterns (strings)`, n);
      }
      return (items as string[]).map((v) => v.trim());
    }
    return [text(key, required)!];
  };

  const rule = patterns('rule', true);
  const account = patterns('account', false);
  const region = patterns('region', false);
  const resource = patterns('resource', false);
  const reason = text('reason', true)!;
  const owner = text('owner', true)!;
  const expires = text('expires', true)!;
  const expiresAt = parseExpiry(expires);
  if (!expiresAt) fail(`expires must be a date like 2027-01-31 or an ISO date-time (got ${JSON.stringify(expires)})`, node('expires'));
  const override = values.has('override-workflow') ? scalar('override-workflow') : false;
  if (typeof override !== 'boolean') fail('override-workflow must be true or false', node('override-workflow'));
  return { rule, account, region, resource, reason, owner, expires, expiresAt: expiresAt!, source: where, ...(override ? { overrideWorkflow: true } : {}) };
}

/** YYYY-MM-DD applies through that day (UTC): it expires at the start of the next day. */
export function parseExpiry(value: string): Date | undefined {
  const date = DATE.exec(value);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const start = new Date(Date.UTC(y, m - 1, d));
    if (start.getUTCFullYear() !== y || start.getUTCMonth() !== m - 1 || start.getUTCDate() !== d) return undefined;
    return new Date(start.getTime() + 86_400_000);
  }
  if (DATE_TIME.test(value)) {
    const t = new Date(value);
    return Number.isNaN(t.getTime()) ? undefined : t;
  }
  return undefined;
}

/** `*` matches any run of characters, everything else literally; the whole value must match. */
export function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 's');
}

export interface SuppressionOutcome {
  findings: AwsSecurityFinding[];
  /** Entries whose expiry has passed (they applied to nothing). */
  expired: Suppression[];
  /** Findings marked SUPPRESSED. */
  suppressed: number;
}

/** Marks every matching finding that is not PASSED as SUPPRESSED; returns new finding objects. */
export function applySuppressions(findings: readonly AwsSecurityFinding[], entries: readonly Suppression[], now: Date): SuppressionOutcome {
  const active = entries.filter((e) => e.expiresAt.getTime() > now.getTime());
  const expired = entries.filter((e) => e.expiresAt.getTime() <= now.getTime());
  const compiled = active.map((entry) => ({
    entry,
    rule: entry.rule.map(globToRegExp),
    account: entry.account.map(globToRegExp),
    region: entry.region.map(globToRegExp),
    resource: entry.resource.map(globToRegExp),
  }));
  let suppressed = 0;
  const out = findings.map((finding) => {
    if (finding.Compliance?.Status === 'PASSED') return finding;
    const resource = finding.Resources?.[0];
    const ruleId = finding.ProductFields?.['hubcheck/RuleId'] ?? finding.GeneratorId ?? '';
    const ids = [ruleId, finding.Compliance?.SecurityControlId].filter((v): v is string => Boolean(v));
    const names = [resource?.Id, finding.ProductFields?.['hubcheck/ResourceName']].filter((v): v is string => Boolean(v));
    const any = (patterns: RegExp[], values: string[]) => patterns.some((p) => values.some((v) => p.test(v)));
    const match = compiled.find(
      (c) =>
        any(c.rule, ids) &&
        any(c.account, [finding.AwsAccountId ?? '']) &&
        any(c.region, [resource?.Region ?? '']) &&
        any(c.resource, names),
    );
    if (!match) return finding;
    suppressed++;
    return suppress(finding, match.entry);
  });
  return { findings: out, expired, suppressed };
}

function suppress(finding: AwsSecurityFinding, entry: Suppression): AwsSecurityFinding {
  const note: Record<string, string> = {
    [SUPPRESSION_FIELDS.reason]: truncate(entry.reason, LIMITS.productFieldValue),
    [SUPPRESSION_FIELDS.owner]: truncate(entry.owner, LIMITS.productFieldValue),
    [SUPPRESSION_FIELDS.expires]: entry.expires,
    [SUPPRESSION_FIELDS.source]: truncate(entry.source, LIMITS.productFieldValue),
    ...(entry.overrideWorkflow ? { [SUPPRESSION_FIELDS.overrideWorkflow]: 'true' } : {}),
  };
  const fields = { ...(finding.ProductFields ?? {}) };
  // Make room within the 50-field limit by dropping evidence, never the note.
  const evidence = Object.keys(fields).filter((k) => k.startsWith('hubcheck/evidence/'));
  while (Object.keys(fields).length + Object.keys(note).length > LIMITS.productFields && evidence.length > 0) {
    delete fields[evidence.pop()!];
  }
  return { ...finding, Workflow: { Status: 'SUPPRESSED' }, ProductFields: { ...fields, ...note } };
}

/** The note a suppressed finding carries, or undefined. */
export function suppressionOf(finding: AwsSecurityFinding): { reason: string; owner: string; expires: string; source?: string } | undefined {
  if (finding.Workflow?.Status !== 'SUPPRESSED') return undefined;
  const fields = finding.ProductFields ?? {};
  return {
    reason: fields[SUPPRESSION_FIELDS.reason] ?? '',
    owner: fields[SUPPRESSION_FIELDS.owner] ?? '',
    expires: fields[SUPPRESSION_FIELDS.expires] ?? '',
    ...(fields[SUPPRESSION_FIELDS.source] ? { source: fields[SUPPRESSION_FIELDS.source] } : {}),
  };
}
