/**
 * ASFF limits and enumerations (../shared/spec/asff-securityhub.md, sections 1-3).
 * The builder clamps to them; the validator rejects what breaks them.
 */
export const SCHEMA_VERSION = '2018-10-08';

export const LIMITS = {
  id: 512,
  generatorId: 512,
  productArnMin: 12,
  productArn: 2048,
  title: 256,
  description: 1024,
  recommendationText: 512,
  severityOriginal: 64,
  types: 50,
  resources: 32,
  resourceType: 256,
  resourceRegion: 16,
  productFields: 50,
  productFieldKey: 128,
  productFieldValue: 2048,
  userDefinedFields: 50,
  userDefinedFieldKey: 128,
  userDefinedFieldValue: 1024,
  detailsOther: 50,
  detailsOtherKey: 128,
  detailsOtherValue: 1024,
  relatedRequirements: 32,
  relatedRequirement: 63,
  associatedStandards: 20,
  relatedFindings: 10,
  noteText: 512,
  tagValue: 256,
  tagKey: 128,
  awsAccountName: 50,
  /** No single string may reach 32 768 characters. */
  field: 32_767,
  /** Bytes of UTF-8 JSON per finding (240 KB, taken as 1000-based: the safer reading). */
  findingBytes: 240_000,
  /** Findings and bytes per BatchImportFindings request. */
  batchFindings: 100,
  batchBytes: 6_000_000,
} as const;

export const SEVERITY_LABELS = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export const COMPLIANCE_STATUSES = ['PASSED', 'WARNING', 'FAILED', 'NOT_AVAILABLE'] as const;
export const RECORD_STATES = ['ACTIVE', 'ARCHIVED'] as const;
export const WORKFLOW_STATUSES = ['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'] as const;
export const VERIFICATION_STATES = ['UNKNOWN', 'TRUE_POSITIVE', 'FALSE_POSITIVE', 'BENIGN_POSITIVE'] as const;
export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-us-iso', 'aws-us-iso-b', 'AzureCloud'] as const;
export const TYPE_NAMESPACES = [
  'Software and Configuration Checks',
  'TTPs',
  'Effects',
  'Unusual Behaviors',
  'Sensitive Data Identifications',
] as const;

/** `namespace/category/classifier`, one to three segments. */
export const TYPE_PATTERN = /^([^/]+)(\/[^/]+){0,2}$/;

/** RFC 3339 date-time as Security Hub accepts it. */
export const TIMESTAMP_PATTERN =
  /^(\d\d\d\d)-[0-1](\d)-[0-3](\d)[Tt](?:[0-2](\d):[0-5](\d):[0-5](\d)|23:59:60)(?:\.(\d)+)?(?:[Zz]|[+-](\d\d)(?::?(\d\d))?)$/;

export const PRODUCT_ARN_PATTERN = /^arn:[a-z-]+:securityhub:[a-z0-9-]+:(\d{12})?:product\/[^/\s]+\/[^/\s]+$/;

/** Tag values ASFF accepts. */
export const TAG_VALUE_PATTERN = /^[A-Za-z0-9 .:+=@_/-]*$/;
