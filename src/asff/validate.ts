/**
 * ASFF validation, as Security Hub's BatchImportFindings would judge a finding,
 * with a JSON path for every problem. Used by `hubcheck validate`, by
 * `hubcheck import` before anything is sent, and by tests on every finding
 * hubcheck builds.
 */
import {
  COMPLIANCE_STATUSES,
  LIMITS,
  PARTITIONS,
  PRODUCT_ARN_PATTERN,
  RECORD_STATES,
  SCHEMA_VERSION,
  SEVERITY_LABELS,
  TIMESTAMP_PATTERN,
  TYPE_NAMESPACES,
  TYPE_PATTERN,
  VERIFICATION_STATES,
  WORKFLOW_STATUSES,
} from './limits.js';

export interface ValidationIssue {
  /** JSON path, e.g. `$[3].Resources[0].Type`. */
  path: string;
  message: string;
}

/** Every top-level member of AwsSecurityFinding in the API model. */
export const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  'SchemaVersion', 'Id', 'ProductArn', 'ProductName', 'CompanyName', 'Region', 'GeneratorId', 'AwsAccountId',
  'Types', 'FirstObservedAt', 'LastObservedAt', 'CreatedAt', 'UpdatedAt', 'Severity', 'Confidence', 'Criticality',
  'Title', 'Description', 'Remediation', 'SourceUrl', 'ProductFields', 'UserDefinedFields', 'Malware', 'Network',
  'NetworkPath', 'Process', 'Threats', 'ThreatIntelIndicators', 'Resources', 'Compliance', 'VerificationState',
  'WorkflowState', 'Workflow', 'RecordState', 'RelatedFindings', 'Note', 'Vulnerabilities', 'PatchSummary', 'Action',
  'FindingProviderFields', 'Sample', 'GeneratorDetails', 'ProcessedAt', 'AwsAccountName', 'Detection',
]);

const REQUIRED = [
  'SchemaVersion', 'Id', 'ProductArn', 'GeneratorId', 'AwsAccountId', 'Types',
  'CreatedAt', 'UpdatedAt', 'Severity', 'Title', 'Description', 'Resources',
] as const;

type Obj = Record<string, unknown>;

class Checker {
  readonly issues: ValidationIssue[] = [];
  constructor(private readonly root: string) {}

  add(path: string, message: string): void {
    this.issues.push({ path: `${this.root}${path ? (path.startsWith('[') ? path : `.${path}`) : ''}`, message });
  }

  string(value: unknown, path: string, max: number, min = 1): value is string {
    if (typeof value !== 'string') {
      this.add(path, `must be a string, not ${describe(value)}`);
      return false;
    }
    if (value.length < min || value.trim() === '') this.add(path, 'must not be empty');
    else if (value.length > max) this.add(path, `must be at most ${max} characters (is ${value.length})`);
    return true;
  }

  optionalString(value: unknown, path: string, max: number): void {
    if (value !== undefined) this.string(value, path, max);
  }

  oneOf(value: unknown, path: string, allowed: readonly string[]): void {
    if (typeof value !== 'string' || !allowed.includes(value)) {
      this.add(path, `must be one of ${allowed.join(', ')} (is ${describe(value)})`);
    }
  }

  timestamp(value: unknown, path: string): void {
    if (typeof value !== 'string' || !TIMESTAMP_PATTERN.test(value) || Number.isNaN(Date.parse(value))) {
      this.add(path, `must be an RFC 3339 timestamp such as 2024-01-31T23:00:00.000Z (is ${describe(value)})`);
    }
  }

  integer(value: unknown, path: string, min: number, max: number): void {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.add(path, `must be an integer from ${min} to ${max} (is ${describe(value)})`);
    }
  }

  object(value: unknown, path: string): value is Obj {
    if (!isObject(value)) {
      this.add(path, `must be an object, not ${describe(value)}`);
      return false;
    }
    return true;
  }

  array(value: unknown, path: string, max: number, min = 1): value is unknown[] {
    if (!Array.isArray(value)) {
      this.add(path, `must be an array, not ${describe(value)}`);
      return false;
    }
    if (value.length < min) this.add(path, `must have at least ${min} item${min === 1 ? '' : 's'}`);
    if (value.length > max) this.add(path, `must have at most ${max} items (has ${value.length})`);
    return true;
  }

  stringMap(value: unknown, path: string, maxEntries: number, maxKey: number, maxValue: number): void {
    if (!this.object(value, path)) return;
    const entries = Object.entries(value);
    if (entries.length > maxEntries) this.add(path, `must have at most ${maxEntries} entries (has ${entries.length})`);
    for (const [key, v] of entries) {
      if (key.length > maxKey) this.add(`${path}[${JSON.stringify(key)}]`, `key must be at most ${maxKey} characters`);
      this.string(v, `${path}[${JSON.stringify(key)}]`, maxValue);
    }
  }

  types(value: unknown, path: string): void {
    if (!this.array(value, path, LIMITS.types)) return;
    value.forEach((type, i) => {
      if (!this.string(type, `${path}[${i}]`, 512)) return;
      if (!TYPE_PATTERN.test(type)) this.add(`${path}[${i}]`, 'must be namespace/category/classifier with one to three segments');
      else if (!(TYPE_NAMESPACES as readonly string[]).includes(type.split('/')[0] ?? '')) {
        this.add(`${path}[${i}]`, `namespace must be one of: ${TYPE_NAMESPACES.join(', ')}`);
      }
    });
  }

  severity(value: unknown, path: string, requireLabel: boolean): void {
    if (!this.object(value, path)) return;
    if (value.Label === undefined && value.Normalized === undefined && requireLabel) {
      this.add(path, 'must have a Label (or the deprecated Normalized)');
    }
    if (value.Label !== undefined) this.oneOf(value.Label, `${path}.Label`, SEVERITY_LABELS);
    if (value.Normalized !== undefined) this.integer(value.Normalized, `${path}.Normalized`, 0, 100);
    this.optionalString(value.Original, `${path}.Original`, LIMITS.severityOriginal);
  }
}

/** Validates one finding. `root` prefixes every path (`$` or `$[3]`). */
export function validateFinding(finding: unknown, root = '$'): ValidationIssue[] {
  const c = new Checker(root);
  if (!c.object(finding, '')) return c.issues;
  const f = finding;

  for (const field of REQUIRED) if (f[field] === undefined) c.add(field, 'is required');
  for (const key of Object.keys(f)) if (!KNOWN_FIELDS.has(key)) c.add(key, 'is not an ASFF field');

  if (f.SchemaVersion !== undefined && f.SchemaVersion !== SCHEMA_VERSION) c.add('SchemaVersion', `must be "${SCHEMA_VERSION}"`);
  if (f.Id !== undefined) c.string(f.Id, 'Id', LIMITS.id);
  if (f.GeneratorId !== undefined) c.string(f.GeneratorId, 'GeneratorId', LIMITS.generatorId);
  if (f.ProductArn !== undefined && c.string(f.ProductArn, 'ProductArn', LIMITS.productArn, LIMITS.productArnMin)) {
    if (!PRODUCT_ARN_PATTERN.test(f.ProductArn)) {
      c.add('ProductArn', 'must look like arn:<partition>:securityhub:<region>:<account>:product/<company>/<product>');
    }
  }
  if (f.AwsAccountId !== undefined && (typeof f.AwsAccountId !== 'string' || !/^\d{12}$/.test(f.AwsAccountId))) {
    c.add('AwsAccountId', `must be a 12-digit account id (is ${describe(f.AwsAccountId)})`);
  }
  if (f.Types !== undefined) c.types(f.Types, 'Types');
  for (const field of ['CreatedAt', 'UpdatedAt', 'FirstObservedAt', 'LastObservedAt', 'ProcessedAt'] as const) {
    if (f[field] !== undefined) c.timestamp(f[field], field);
  }
  if (f.Severity !== undefined) c.severity(f.Severity, 'Severity', true);
  if (f.Title !== undefined) c.string(f.Title, 'Title', LIMITS.title);
  if (f.Description !== undefined) c.string(f.Description, 'Description', LIMITS.description);
  for (const field of ['ProductName', 'CompanyName', 'SourceUrl'] as const) c.optionalString(f[field], field, 2048);
  c.optionalString(f.Region, 'Region', LIMITS.resourceRegion);
  c.optionalString(f.AwsAccountName, 'AwsAccountName', LIMITS.awsAccountName);
  for (const field of ['Confidence', 'Criticality'] as const) if (f[field] !== undefined) c.integer(f[field], field, 0, 100);
  if (f.Sample !== undefined && typeof f.Sample !== 'boolean') c.add('Sample', 'must be a boolean');

  if (f.Resources !== undefined && c.array(f.Resources, 'Resources', LIMITS.resources)) {
    f.Resources.forEach((r, i) => {
      const p = `Resources[${i}]`;
      if (!c.object(r, p)) return;
      if (r.Type === undefined) c.add(`${p}.Type`, 'is required');
      else c.string(r.Type, `${p}.Type`, LIMITS.resourceType);
      if (r.Id === undefined) c.add(`${p}.Id`, 'is required');
      else c.string(r.Id, `${p}.Id`, LIMITS.field);
      if (r.Partition !== undefined) c.oneOf(r.Partition, `${p}.Partition`, PARTITIONS);
      c.optionalString(r.Region, `${p}.Region`, LIMITS.resourceRegion);
      if (r.Tags !== undefined) c.stringMap(r.Tags, `${p}.Tags`, 50, LIMITS.tagKey, LIMITS.tagValue);
      if (r.Details !== undefined && c.object(r.Details, `${p}.Details`) && r.Details.Other !== undefined) {
        c.stringMap(r.Details.Other, `${p}.Details.Other`, LIMITS.detailsOther, LIMITS.detailsOtherKey, LIMITS.detailsOtherValue);
      }
    });
  }

  if (f.Compliance !== undefined && c.object(f.Compliance, 'Compliance')) {
    const comp = f.Compliance;
    if (comp.Status !== undefined) c.oneOf(comp.Status, 'Compliance.Status', COMPLIANCE_STATUSES);
    c.optionalString(comp.SecurityControlId, 'Compliance.SecurityControlId', 2048);
    if (comp.RelatedRequirements !== undefined && c.array(comp.RelatedRequirements, 'Compliance.RelatedRequirements', LIMITS.relatedRequirements)) {
      comp.RelatedRequirements.forEach((req, i) => c.string(req, `Compliance.RelatedRequirements[${i}]`, LIMITS.relatedRequirement));
    }
    if (comp.AssociatedStandards !== undefined && c.array(comp.AssociatedStandards, 'Compliance.AssociatedStandards', LIMITS.associatedStandards)) {
      comp.AssociatedStandards.forEach((s, i) => {
        if (c.object(s, `Compliance.AssociatedStandards[${i}]`)) c.string(s.StandardsId, `Compliance.AssociatedStandards[${i}].StandardsId`, 2048);
      });
    }
    if (comp.StatusReasons !== undefined && c.array(comp.StatusReasons, 'Compliance.StatusReasons', 100)) {
      comp.StatusReasons.forEach((s, i) => {
        const p = `Compliance.StatusReasons[${i}]`;
        if (!c.object(s, p)) return;
        if (s.ReasonCode === undefined) c.add(`${p}.ReasonCode`, 'is required');
        else c.string(s.ReasonCode, `${p}.ReasonCode`, 2048);
        c.optionalString(s.Description, `${p}.Description`, LIMITS.productFieldValue);
      });
    }
  }

  if (f.Remediation !== undefined && c.object(f.Remediation, 'Remediation')) {
    const rec = f.Remediation.Recommendation;
    if (rec !== undefined && c.object(rec, 'Remediation.Recommendation')) {
      c.optionalString(rec.Text, 'Remediation.Recommendation.Text', LIMITS.recommendationText);
      c.optionalString(rec.Url, 'Remediation.Recommendation.Url', 2048);
    }
  }
  if (f.ProductFields !== undefined) {
    c.stringMap(f.ProductFields, 'ProductFields', LIMITS.productFields, LIMITS.productFieldKey, LIMITS.productFieldValue);
    if (isObject(f.ProductFields)) {
      for (const key of Object.keys(f.ProductFields)) {
        if (key.startsWith('aws/')) c.add(`ProductFields[${JSON.stringify(key)}]`, 'keys starting with aws/ are reserved for AWS');
      }
    }
  }
  if (f.UserDefinedFields !== undefined) {
    c.stringMap(f.UserDefinedFields, 'UserDefinedFields', LIMITS.userDefinedFields, LIMITS.userDefinedFieldKey, LIMITS.userDefinedFieldValue);
  }
  if (f.RecordState !== undefined) c.oneOf(f.RecordState, 'RecordState', RECORD_STATES);
  if (f.VerificationState !== undefined) c.oneOf(f.VerificationState, 'VerificationState', VERIFICATION_STATES);
  if (f.Workflow !== undefined && c.object(f.Workflow, 'Workflow') && f.Workflow.Status !== undefined) {
    c.oneOf(f.Workflow.Status, 'Workflow.Status', WORKFLOW_STATUSES);
  }
  if (f.Note !== undefined && c.object(f.Note, 'Note')) {
    c.string(f.Note.Text, 'Note.Text', LIMITS.noteText);
    c.string(f.Note.UpdatedBy, 'Note.UpdatedBy', 512);
    c.timestamp(f.Note.UpdatedAt, 'Note.UpdatedAt');
  }
  if (f.RelatedFindings !== undefined) relatedFindings(c, f.RelatedFindings, 'RelatedFindings');
  if (f.FindingProviderFields !== undefined && c.object(f.FindingProviderFields, 'FindingProviderFields')) {
    const fpf = f.FindingProviderFields;
    if (fpf.Severity !== undefined) c.severity(fpf.Severity, 'FindingProviderFields.Severity', false);
    if (fpf.Types !== undefined) c.types(fpf.Types, 'FindingProviderFields.Types');
    for (const field of ['Confidence', 'Criticality'] as const) {
      if (fpf[field] !== undefined) c.integer(fpf[field], `FindingProviderFields.${field}`, 0, 100);
    }
    if (fpf.RelatedFindings !== undefined) relatedFindings(c, fpf.RelatedFindings, 'FindingProviderFields.RelatedFindings');
  }

  emptiesAndLongFields(c, f, '');
  const bytes = Buffer.byteLength(JSON.stringify(f), 'utf8');
  if (bytes > LIMITS.findingBytes) c.add('', `is ${bytes} bytes; a finding may be at most ${LIMITS.findingBytes} bytes (240 KB)`);
  // One problem per path: the specific check speaks first, the generic empty/length sweep only where it found something new.
  const seen = new Set<string>();
  return c.issues.filter((issue) => (seen.has(issue.path) ? false : (seen.add(issue.path), true)));
}

function relatedFindings(c: Checker, value: unknown, path: string): void {
  if (!c.array(value, path, LIMITS.relatedFindings)) return;
  value.forEach((r, i) => {
    if (!c.object(r, `${path}[${i}]`)) return;
    c.string(r.ProductArn, `${path}[${i}].ProductArn`, LIMITS.productArn);
    c.string(r.Id, `${path}[${i}].Id`, LIMITS.id);
  });
}

/** ASFF rejects empty strings, maps and arrays anywhere, and any field of 32 768 characters or more. */
function emptiesAndLongFields(c: Checker, value: unknown, path: string): void {
  if (typeof value === 'string') {
    if (value.trim() === '') c.add(path, 'must not be empty');
    else if (value.length > LIMITS.field) c.add(path, `must be under 32768 characters (is ${value.length})`);
  } else if (Array.isArray(value)) {
    if (value.length === 0) c.add(path, 'must not be an empty array');
    value.forEach((v, i) => emptiesAndLongFields(c, v, `${path}[${i}]`));
  } else if (isObject(value)) {
    if (Object.keys(value).length === 0 && path !== '') c.add(path, 'must not be an empty object');
    for (const [k, v] of Object.entries(value)) {
      const child = /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? (path ? `${path}.${k}` : k) : `${path}[${JSON.stringify(k)}]`;
      emptiesAndLongFields(c, v, child);
    }
  }
}

/** Validates a parsed file: one finding or an array of them. */
export function validateFindings(input: unknown): { count: number; issues: ValidationIssue[] } {
  if (Array.isArray(input)) {
    if (input.length === 0) return { count: 0, issues: [{ path: '$', message: 'holds no findings (an empty array)' }] };
    return { count: input.length, issues: input.flatMap((f, i) => validateFinding(f, `$[${i}]`)) };
  }
  return { count: 1, issues: validateFinding(input, '$') };
}

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === undefined) return `${typeof value} ${String(value)}`;
  return `a ${typeof value}`; // a function or a symbol: never read from JSON
}
