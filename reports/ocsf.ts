/**
 * `findings.ocsf.json`: every finding as an OCSF 1.x Compliance Finding
 * (class 2003), a JSON array, for Amazon Security Lake and other OCSF
 * consumers. The same identity, status, severity, resource, remediation and CIS
 * requirements as the ASFF finding; what OCSF has no field for is kept under
 * `unmapped`, so `hubcheck report` can read the file back (src/asff/from-ocsf.ts).
 * Findings of any product render, with or without a Compliance section.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import {
  ACTIVITY_CREATE,
  AWS_ACCOUNT_TYPE,
  COMPLIANCE_FINDING,
  COMPLIANCE_STATUS_CAPTIONS,
  COMPLIANCE_STATUS_IDS,
  FINDING_STATUS,
  OCSF_VERSION,
  SEVERITY_CAPTIONS,
  SEVERITY_IDS,
  type OcsfComplianceFinding,
} from '../src/asff/ocsf-schema.js';
import { batched } from './model.js';

export const OCSF_FILE = 'findings.ocsf.json';

const STANDARD = /^(.*)\/[^/]+$/;

function millis(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

export function toOcsf(f: AwsSecurityFinding): OcsfComplianceFinding {
  const resource = f.Resources?.[0];
  const region = resource?.Region ?? f.Region;
  const label = f.Severity?.Label ?? 'INFORMATIONAL';
  const severityId = SEVERITY_IDS[label] ?? 0;
  const status = f.Compliance?.Status;
  const complianceId = status ? COMPLIANCE_STATUS_IDS[status] ?? 0 : 0;
  const findingStatus =
    f.Workflow?.Status === 'SUPPRESSED' ? FINDING_STATUS.SUPPRESSED : f.RecordState === 'ARCHIVED' ? FINDING_STATUS.RESOLVED : FINDING_STATUS.NEW;
  const requirements = f.Compliance?.RelatedRequirements ?? [];
  const standards = [...new Set(requirements.map((r) => STANDARD.exec(r)?.[1] ?? r))];
  const fields = f.ProductFields ?? {};
  const reason = f.Compliance?.StatusReasons?.[0];
  const lastSeen = millis(f.LastObservedAt ?? f.UpdatedAt);
  return {
    ...ACTIVITY_CREATE,
    ...COMPLIANCE_FINDING,
    time: lastSeen ?? millis(f.CreatedAt) ?? 0,
    severity_id: severityId,
    severity: SEVERITY_CAPTIONS[severityId] ?? 'Unknown',
    status_id: findingStatus.id,
    status: findingStatus.caption,
    ...(f.Description ? { message: f.Description } : {}),
    metadata: {
      version: OCSF_VERSION,
      uid: f.Id ?? '',
      ...(fields['hubcheck/RuleId'] ? { event_code: fields['hubcheck/RuleId'] } : {}),
      product: {
        name: fields['aws/securityhub/ProductName'] ?? (f.GeneratorId?.startsWith('hubcheck/') ? 'hubcheck' : (f.ProductName ?? 'unknown')),
        vendor_name: fields['aws/securityhub/CompanyName'] ?? f.CompanyName ?? (f.GeneratorId?.startsWith('hubcheck/') ? 'hubcheck' : 'unknown'),
        ...(fields['hubcheck/Version'] ? { version: fields['hubcheck/Version'] } : {}),
        ...(f.ProductArn ? { uid: f.ProductArn } : {}),
      },
      profiles: ['cloud'],
    },
    cloud: {
      provider: 'AWS',
      ...(region ? { region } : {}),
      account: { uid: f.AwsAccountId ?? '', name: f.AwsAccountId ?? '', ...AWS_ACCOUNT_TYPE },
    },
    finding_info: {
      uid: f.Id ?? '',
      title: f.Title ?? '',
      ...(f.Description ? { desc: f.Description } : {}),
      ...(f.Types?.length ? { types: f.Types } : {}),
      ...defined('created_time', millis(f.CreatedAt)),
      ...defined('modified_time', millis(f.UpdatedAt)),
      ...defined('first_seen_time', millis(f.FirstObservedAt)),
      ...defined('last_seen_time', lastSeen),
      ...(f.SourceUrl ? { src_url: f.SourceUrl } : {}),
    },
    compliance: {
      ...(f.Compliance?.SecurityControlId || fields['hubcheck/RuleId'] ? { control: f.Compliance?.SecurityControlId ?? fields['hubcheck/RuleId'] } : {}),
      ...(standards.length ? { standards } : {}),
      ...(requirements.length ? { requirements } : {}),
      status_id: complianceId,
      status: COMPLIANCE_STATUS_CAPTIONS[complianceId] ?? 'Unknown',
      ...(reason?.ReasonCode ? { status_code: reason.ReasonCode } : {}),
      ...(reason?.Description ? { status_detail: reason.Description } : {}),
    },
    ...(f.Remediation?.Recommendation?.Text || f.Remediation?.Recommendation?.Url
      ? {
          remediation: {
            desc: f.Remediation.Recommendation.Text ?? '',
            ...(f.Remediation.Recommendation.Url ? { references: [f.Remediation.Recommendation.Url] } : {}),
          },
        }
      : {}),
    resources: (f.Resources ?? []).map((r) => ({
      uid: r.Id ?? '',
      type: r.Type ?? '',
      ...(fields['hubcheck/ResourceName'] && r === resource ? { name: fields['hubcheck/ResourceName'] } : {}),
      ...(r.Region ? { region: r.Region } : {}),
      ...(r.Partition ? { cloud_partition: r.Partition } : {}),
      ...(r.Tags && Object.keys(r.Tags).length ? { labels: Object.entries(r.Tags).map(([k, v]) => `${k}=${v}`) } : {}),
    })),
    unmapped: {
      ...(f.Id ? { asff_id: f.Id } : {}),
      ...(f.ProductArn ? { product_arn: f.ProductArn } : {}),
      ...(f.GeneratorId ? { generator_id: f.GeneratorId } : {}),
      ...(status ? { compliance_status: status } : {}),
      ...(f.Severity?.Label ? { severity_label: f.Severity.Label } : {}),
      ...(f.Severity?.Original ? { severity_original: f.Severity.Original } : {}),
      ...(Object.keys(fields).length ? { product_fields: { ...fields } } : {}),
      ...(f.Workflow?.Status ? { workflow_status: f.Workflow.Status } : {}),
      ...(f.RecordState ? { record_state: f.RecordState } : {}),
    },
  };
}

function defined<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

/** The JSON array, indented as `JSON.stringify(array, null, 2)` would be, followed by a newline. */
export function ocsfReport(findings: Iterable<AwsSecurityFinding>): string {
  return [...ocsfReportChunks(findings)].join('');
}

/** The file in pieces, one object per finding in one pass, byte for byte what `ocsfReport` returns. */
export function ocsfReportChunks(findings: Iterable<AwsSecurityFinding>): Generator<string> {
  return batched(ocsfObjects(findings));
}

function* ocsfObjects(findings: Iterable<AwsSecurityFinding>): Generator<string> {
  let first = true;
  for (const f of findings) {
    // Inside the array every line of an element is indented two more spaces (string values hold no raw line break).
    yield `${first ? '[\n  ' : ',\n  '}${JSON.stringify(toOcsf(f), null, 2).replace(/\n/g, '\n  ')}`;
    first = false;
  }
  yield first ? '[]\n' : '\n]\n';
}
