/**
 * The parts of OCSF 1.x that hubcheck writes and reads: a Compliance Finding
 * (class 2003, category Findings), as Amazon Security Lake and Security Hub take
 * them. Types and the enumerations' values only; the mapping from ASFF is
 * reports/ocsf.ts, the mapping back is from-ocsf.ts.
 */

export const OCSF_VERSION = '1.1.0';
export const COMPLIANCE_FINDING = { class_uid: 2003, class_name: 'Compliance Finding', category_uid: 2, category_name: 'Findings' } as const;
/** activity_id 1: Create; type_uid = class_uid * 100 + activity_id. */
export const ACTIVITY_CREATE = { activity_id: 1, activity_name: 'Create', type_uid: 200301, type_name: 'Compliance Finding: Create' } as const;

/** severity_id: 1 Informational ... 5 Critical (0 Unknown, 6 Fatal unused). */
export const SEVERITY_IDS = { INFORMATIONAL: 1, LOW: 2, MEDIUM: 3, HIGH: 4, CRITICAL: 5 } as const;
export const SEVERITY_CAPTIONS: Record<number, string> = { 0: 'Unknown', 1: 'Informational', 2: 'Low', 3: 'Medium', 4: 'High', 5: 'Critical', 6: 'Fatal' };

/**
 * compliance.status_id: 1 Pass, 2 Warning, 3 Fail; 0 Unknown for a check that
 * could not be made (ASFF NOT_AVAILABLE) or a finding with no compliance at all.
 */
export const COMPLIANCE_STATUS_IDS = { PASSED: 1, WARNING: 2, FAILED: 3, NOT_AVAILABLE: 0 } as const;
export const COMPLIANCE_STATUS_CAPTIONS: Record<number, string> = { 0: 'Unknown', 1: 'Pass', 2: 'Warning', 3: 'Fail' };

/** The finding's status_id: 1 New, 3 Suppressed, 4 Resolved (an archived finding). */
export const FINDING_STATUS = { NEW: { id: 1, caption: 'New' }, SUPPRESSED: { id: 3, caption: 'Suppressed' }, RESOLVED: { id: 4, caption: 'Resolved' } } as const;

/** cloud.account.type_id 10: AWS Account. */
export const AWS_ACCOUNT_TYPE = { type_id: 10, type: 'AWS Account' } as const;

export interface OcsfResource {
  uid: string;
  type: string;
  name?: string;
  region?: string;
  cloud_partition?: string;
  labels?: string[];
}

export interface OcsfComplianceFinding {
  activity_id: number;
  activity_name: string;
  category_uid: number;
  category_name: string;
  class_uid: number;
  class_name: string;
  type_uid: number;
  type_name: string;
  time: number;
  severity_id: number;
  severity: string;
  status_id: number;
  status: string;
  message?: string;
  metadata: {
    version: string;
    uid: string;
    event_code?: string;
    product: { name: string; vendor_name: string; uid?: string; version?: string };
    profiles?: string[];
  };
  cloud: { provider: 'AWS'; region?: string; account: { uid: string; name: string; type_id: number; type: string } };
  finding_info: {
    uid: string;
    title: string;
    desc?: string;
    types?: string[];
    created_time?: number;
    modified_time?: number;
    first_seen_time?: number;
    last_seen_time?: number;
    src_url?: string;
  };
  compliance: {
    control?: string;
    standards?: string[];
    requirements?: string[];
    status_id: number;
    status: string;
    status_code?: string;
    status_detail?: string;
  };
  remediation?: { desc: string; references?: string[] };
  resources: OcsfResource[];
  /** What OCSF has no place for, kept so the finding can be read back as it was. */
  unmapped: {
    asff_id?: string;
    product_arn?: string;
    generator_id?: string;
    compliance_status?: string;
    severity_label?: string;
    severity_original?: string;
    product_fields?: Record<string, string>;
    workflow_status?: string;
    record_state?: string;
  };
}
