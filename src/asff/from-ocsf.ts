/**
 * Reads OCSF Compliance Findings (as reports/ocsf.ts writes them, or from
 * another producer) back into ASFF findings, so `hubcheck report` renders an
 * OCSF file like a findings.asff.json. What hubcheck kept under `unmapped`
 * restores the finding exactly; other producers' records map field by field.
 */
import type { AwsSecurityFinding, ComplianceStatus, SeverityLabel } from '@aws-sdk/client-securityhub';
import { COMPLIANCE_FINDING, SEVERITY_IDS, type OcsfComplianceFinding } from './ocsf-schema.js';

const SEVERITY_BY_ID = Object.fromEntries(Object.entries(SEVERITY_IDS).map(([label, id]) => [id, label])) as Record<number, SeverityLabel>;
const STATUS_BY_ID: Record<number, ComplianceStatus> = { 1: 'PASSED', 2: 'WARNING', 3: 'FAILED', 0: 'NOT_AVAILABLE' };

/** Is this value an OCSF Compliance Finding (class 2003)? */
export function isOcsfComplianceFinding(value: unknown): value is OcsfComplianceFinding {
  return !!value && typeof value === 'object' && (value as { class_uid?: unknown }).class_uid === COMPLIANCE_FINDING.class_uid;
}

const iso = (ms: number | undefined) => (typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : undefined);

export function fromOcsf(o: OcsfComplianceFinding): AwsSecurityFinding {
  const u = o.unmapped ?? {};
  const account = o.cloud?.account?.uid ?? '';
  const region = o.cloud?.region ?? o.resources?.[0]?.region ?? '';
  const label = (u.severity_label as SeverityLabel | undefined) ?? SEVERITY_BY_ID[o.severity_id] ?? 'INFORMATIONAL';
  const status = (u.compliance_status as ComplianceStatus | undefined) ?? STATUS_BY_ID[o.compliance?.status_id ?? 0] ?? 'NOT_AVAILABLE';
  const created = iso(o.finding_info?.created_time) ?? iso(o.time) ?? '';
  const updated = iso(o.finding_info?.modified_time) ?? iso(o.time) ?? created;
  const id = u.asff_id ?? o.finding_info?.uid ?? o.metadata?.uid ?? '';
  const workflow = u.workflow_status ?? (o.status_id === 3 ? 'SUPPRESSED' : undefined);
  return {
    SchemaVersion: '2018-10-08',
    Id: id,
    ProductArn: u.product_arn ?? o.metadata?.product?.uid ?? `arn:aws:securityhub:${region}:${account}:product/${account}/default`,
    GeneratorId: u.generator_id ?? o.metadata?.event_code ?? o.compliance?.control ?? id,
    AwsAccountId: account,
    ...(o.finding_info?.types?.length ? { Types: o.finding_info.types } : {}),
    CreatedAt: created,
    UpdatedAt: updated,
    ...(o.finding_info?.first_seen_time !== undefined ? { FirstObservedAt: iso(o.finding_info.first_seen_time) } : {}),
    ...(o.finding_info?.last_seen_time !== undefined ? { LastObservedAt: iso(o.finding_info.last_seen_time) } : {}),
    Severity: { Label: label, ...(u.severity_original ? { Original: u.severity_original } : {}) },
    Title: o.finding_info?.title ?? '',
    Description: o.finding_info?.desc ?? o.message ?? '',
    ...(o.remediation
      ? { Remediation: { Recommendation: { Text: o.remediation.desc, ...(o.remediation.references?.[0] ? { Url: o.remediation.references[0] } : {}) } } }
      : {}),
    ...(u.product_fields ? { ProductFields: { ...u.product_fields } } : {}),
    Resources: (o.resources ?? []).map((r) => ({
      Type: r.type,
      Id: r.uid,
      ...(r.region ? { Region: r.region } : {}),
      ...(r.cloud_partition ? { Partition: r.cloud_partition as 'aws' } : {}),
      ...(r.labels?.length ? { Tags: Object.fromEntries(r.labels.map((l) => splitLabel(l))) } : {}),
    })),
    Compliance: {
      Status: status,
      ...(o.compliance?.control && o.compliance.control !== u.product_fields?.['hubcheck/RuleId'] ? { SecurityControlId: o.compliance.control } : {}),
      ...(o.compliance?.requirements?.length ? { RelatedRequirements: o.compliance.requirements } : {}),
      ...(o.compliance?.status_code
        ? { StatusReasons: [{ ReasonCode: o.compliance.status_code, ...(o.compliance.status_detail ? { Description: o.compliance.status_detail } : {}) }] }
        : {}),
    },
    ...(workflow ? { Workflow: { Status: workflow as 'NEW' } } : {}),
    RecordState: (u.record_state as 'ACTIVE' | undefined) ?? (o.status_id === 4 ? 'ARCHIVED' : 'ACTIVE'),
  };
}

function splitLabel(label: string): [string, string] {
  const at = label.indexOf('=');
  return at < 0 ? [label, ''] : [label.slice(0, at), label.slice(at + 1)];
}
