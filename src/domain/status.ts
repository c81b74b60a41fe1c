/**
 * The words every output of a scan shares, defined once: a finding's status,
 * whether it is suppressed, failing, or evaluated at all. The console summary,
 * each report, scan.json, the history, the Security Hub lifecycle and the exit
 * code all read a finding through `verdictOf` and these predicates.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { SEVERITIES, type Severity } from '../engine/rule.js';

/** ProductFields key set to 'true' on a finding whose verdict rests on a read that failed. */
export const INCOMPLETE_FIELD = 'hubcheck/Incomplete';

/** ProductFields keys of a failing finding's rendered fix (CLI, CloudFormation, Terraform), read back by the reports. */
export const REMEDIATION_FIELDS = {
  cli: 'hubcheck/remediation/cli',
  cloudformation: 'hubcheck/remediation/cloudformation',
  terraform: 'hubcheck/remediation/terraform',
} as const;

/** What the counts, the score and the exit code need to know about one finding. */
export interface Verdict {
  ruleId: string;
  /** Compliance.Status. */
  status: string;
  /** Severity.Label: the control's severity when FAILED, INFORMATIONAL otherwise. */
  severity: Severity;
  suppressed: boolean;
  /** The verdict rests on a read that failed. */
  incomplete: boolean;
  /** Compliance.RelatedRequirements. */
  requirements: readonly string[];
}

export function severityOf(value: string | undefined): Severity {
  return (SEVERITIES as readonly string[]).includes(value ?? '') ? (value as Severity) : 'INFORMATIONAL';
}

/** The rule that produced a finding (hubcheck's own field, else the generator). */
export function ruleIdOf(finding: AwsSecurityFinding): string {
  return finding.ProductFields?.['hubcheck/RuleId'] ?? finding.GeneratorId ?? 'unknown';
}

export function verdictOf(finding: AwsSecurityFinding): Verdict {
  return {
    ruleId: ruleIdOf(finding),
    status: finding.Compliance?.Status ?? 'NOT_AVAILABLE',
    severity: severityOf(finding.Severity?.Label),
    suppressed: finding.Workflow?.Status === 'SUPPRESSED',
    incomplete: finding.ProductFields?.[INCOMPLETE_FIELD] === 'true',
    requirements: finding.Compliance?.RelatedRequirements ?? [],
  };
}

/** Marked SUPPRESSED by a suppressions file (or in Security Hub). */
export const isSuppressed = (v: Pick<Verdict, 'suppressed'>): boolean => v.suppressed;

/** Failing: FAILED and not suppressed. The only findings that fail a run or count as failing anywhere. */
export const isFailing = (v: Pick<Verdict, 'status' | 'suppressed'>): boolean => v.status === 'FAILED' && !v.suppressed;

/** Evaluated: neither NOT_AVAILABLE nor resting on a read that failed. A scan with any other finding is incomplete (exit 3). */
export const isEvaluated = (v: Pick<Verdict, 'status' | 'incomplete'>): boolean => v.status !== 'NOT_AVAILABLE' && !v.incomplete;
