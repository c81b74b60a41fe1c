/**
 * Parity with Security Hub's own CIS checks: hubcheck's findings beside the
 * control findings Security Hub produced for the same accounts and Regions,
 * matched per (control, account, Region, resource) and sorted into four
 * categories: both agree, only hubcheck, only Security Hub, they disagree.
 *
 * Matching rules (docs/securityhub.md, "Parity"):
 * - Security Hub's side: ACTIVE findings of the product `aws/securityhub` with a
 *   `Compliance.SecurityControlId`, for the controls, accounts and Regions
 *   hubcheck's findings cover.
 * - The control: `Compliance.SecurityControlId` on both sides (hubcheck's
 *   CIS-only rules have none and are left out).
 * - The resource id is normalised: surrounding space trimmed, an account given as
 *   `AWS::::Account:<id>`, as its root ARN or (type AwsAccount) as a bare id
 *   becomes `account:<id>`, and an AwsS3Bucket named bare becomes its ARN.
 * - The Region: the finding's resource Region, except for resources with no
 *   Region of their own (IAM and S3 ARNs) and for account-wide controls (IAM.*,
 *   Account.*), which hubcheck reports once, in its home Region, and Security Hub
 *   in every Region where it runs them: those match across Regions.
 * - Several Security Hub findings for one key (an account-wide control in three
 *   Regions) count as one, with the least favourable status (FAILED, then
 *   WARNING, NOT_AVAILABLE, PASSED), so a failure anywhere is never hidden.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { ParityCategory, ParityReport, ParityRow } from '../domain/parity.js';

export type { ParityCategory, ParityReport, ParityRow } from '../domain/parity.js';

const ACCOUNT_WIDE = /^(IAM|Account)\./;
const RANK: Record<string, number> = { FAILED: 4, WARNING: 3, NOT_AVAILABLE: 2, PASSED: 1 };

/** Is this one of Security Hub's own control findings? */
export function isSecurityHubControlFinding(f: AwsSecurityFinding): boolean {
  return /:product\/aws\/securityhub$/.test(f.ProductArn ?? '') && !!f.Compliance?.SecurityControlId && (f.RecordState ?? 'ACTIVE') === 'ACTIVE';
}

export function normaliseResourceId(id: string, type = '', partition = 'aws'): string {
  const trimmed = id.trim();
  const account = /^AWS::::Account:(\d{12})$/.exec(trimmed) ?? /^arn:[a-z-]+:iam::(\d{12}):root$/.exec(trimmed) ?? (type === 'AwsAccount' ? /^(\d{12})$/.exec(trimmed) : null);
  if (account) return `account:${account[1]}`;
  if (type === 'AwsS3Bucket' && !trimmed.startsWith('arn:')) return `arn:${partition}:s3:::${trimmed}`;
  return trimmed;
}

/** The Region part of the key: '' where the resource or the control is not Regional. */
export function matchRegion(control: string, resourceId: string, region: string): string {
  if (ACCOUNT_WIDE.test(control)) return '';
  const arn = /^arn:[a-z-]+:([a-z0-9-]+):([a-z0-9-]*):/.exec(resourceId);
  if (arn && (arn[1] === 'iam' || arn[1] === 's3') && arn[2] === '') return '';
  return region;
}

interface Side {
  control: string;
  account: string;
  region: string;
  resource: string;
  status: string;
  reason?: string;
}

function sideOf(f: AwsSecurityFinding): Side | undefined {
  const control = f.Compliance?.SecurityControlId;
  const resource = f.Resources?.[0];
  if (!control || !resource?.Id) return undefined;
  const partition = /^arn:([a-z-]+):/.exec(f.ProductArn ?? '')?.[1] ?? 'aws';
  const id = normaliseResourceId(resource.Id, resource.Type, partition);
  const region = resource.Region ?? f.Region ?? '';
  return {
    control,
    account: f.AwsAccountId ?? '',
    region: matchRegion(control, id, region),
    resource: id,
    status: f.Compliance?.Status ?? 'NOT_AVAILABLE',
    ...(f.Compliance?.StatusReasons?.[0]?.ReasonCode ? { reason: f.Compliance.StatusReasons[0].ReasonCode } : {}),
  };
}

const keyOf = (s: Side) => [s.control, s.account, s.region, s.resource].join('\u0000');

export function parity(hubcheckFindings: readonly AwsSecurityFinding[], securityHubFindings: readonly AwsSecurityFinding[]): ParityReport {
  const ours = new Map<string, Side>();
  const scope = { controls: new Set<string>(), accounts: new Set<string>(), regions: new Set<string>() };
  for (const f of hubcheckFindings) {
    const side = sideOf(f);
    if (!side) continue;
    const previous = ours.get(keyOf(side));
    if (!previous || (RANK[side.status] ?? 0) > (RANK[previous.status] ?? 0)) ours.set(keyOf(side), side);
    scope.controls.add(side.control);
    scope.accounts.add(side.account);
    scope.regions.add(f.Resources?.[0]?.Region ?? '');
  }
  const theirs = new Map<string, Side>();
  for (const f of securityHubFindings) {
    if (!isSecurityHubControlFinding(f)) continue;
    const side = sideOf(f);
    if (!side || !scope.controls.has(side.control) || !scope.accounts.has(side.account)) continue;
    if (side.region !== '' && !scope.regions.has(side.region)) continue;
    const previous = theirs.get(keyOf(side));
    if (!previous || (RANK[side.status] ?? 0) > (RANK[previous.status] ?? 0)) theirs.set(keyOf(side), side);
  }

  const rows: ParityRow[] = [];
  for (const key of new Set([...ours.keys(), ...theirs.keys()])) {
    const a = ours.get(key);
    const b = theirs.get(key);
    const base = (a ?? b)!;
    const category: ParityCategory = !b ? 'only-hubcheck' : !a ? 'only-securityhub' : a.status === b.status ? 'agree' : 'disagree';
    rows.push({
      control: base.control,
      account: base.account,
      region: base.region,
      resource: base.resource,
      category,
      ...(a ? { hubcheck: a.status } : {}),
      ...(b ? { securityHub: b.status } : {}),
      ...(b?.reason ? { securityHubReason: b.reason } : {}),
    });
  }
  rows.sort((x, y) => x.control.localeCompare(y.control, 'en', { numeric: true }) || x.resource.localeCompare(y.resource) || x.region.localeCompare(y.region));
  const counts: Record<ParityCategory, number> = { agree: 0, 'only-hubcheck': 0, 'only-securityhub': 0, disagree: 0 };
  for (const row of rows) counts[row.category]++;
  return { rows, counts, controls: [...scope.controls].sort((x, y) => x.localeCompare(y, 'en', { numeric: true })) };
}
