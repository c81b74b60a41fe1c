/**
 * Custom actions and EventBridge event patterns (spec section 5): validation
 * of CreateActionTarget's fields, the ARN it returns, and the patterns that
 * match a custom action's events or hubcheck's imported findings.
 */

export const ACTION_NAME_MAX = 20;
export const ACTION_ID_MAX = 20;

export interface ActionTargetInput {
  name: string;
  description: string;
  id: string;
}

/** Problems with CreateActionTarget's fields, as one-line messages (empty when valid). */
export function actionTargetProblems(input: ActionTargetInput): string[] {
  const problems: string[] = [];
  if (input.name.trim() === '') problems.push('--name must not be empty');
  else if (input.name.length > ACTION_NAME_MAX) problems.push(`--name must be at most ${ACTION_NAME_MAX} characters (is ${input.name.length})`);
  if (input.description.trim() === '') problems.push('--description must not be empty');
  if (!/^[A-Za-z0-9]+$/.test(input.id)) problems.push(`--id must be letters and digits only (is ${JSON.stringify(input.id)})`);
  else if (input.id.length > ACTION_ID_MAX) problems.push(`--id must be at most ${ACTION_ID_MAX} characters (is ${input.id.length})`);
  return problems;
}

export function actionTargetArn(partition: string, region: string, account: string, id: string): string {
  return `arn:${partition}:securityhub:${region}:${account}:action/custom/${id}`;
}

/** Matches the events a custom action sends ("Security Hub Findings - Custom Action"), by the action's ARN. */
export function customActionPattern(actionTargetArn: string) {
  return {
    source: ['aws.securityhub'],
    'detail-type': ['Security Hub Findings - Custom Action'],
    resources: [actionTargetArn],
  };
}

export interface ImportedPatternOptions {
  productArn: string;
  /** Severity labels to match; all when empty. */
  severities?: readonly string[];
  /** Compliance statuses to match. */
  compliance?: readonly string[];
}

/**
 * Matches "Security Hub Findings - Imported" events for hubcheck's findings:
 * the account's default product in that Region, GeneratorId starting with
 * `hubcheck/` (so custom findings in the same product are left out), ACTIVE,
 * and the compliance statuses (default FAILED) and severities asked for.
 * Values in one array are OR-ed, keys AND-ed.
 */
export function importedFindingsPattern(options: ImportedPatternOptions) {
  const compliance = options.compliance && options.compliance.length > 0 ? options.compliance : ['FAILED'];
  return {
    source: ['aws.securityhub'],
    'detail-type': ['Security Hub Findings - Imported'],
    detail: {
      findings: {
        ProductArn: [options.productArn],
        GeneratorId: [{ prefix: 'hubcheck/' }],
        RecordState: ['ACTIVE'],
        Compliance: { Status: [...compliance] },
        ...(options.severities && options.severities.length > 0 ? { Severity: { Label: [...options.severities] } } : {}),
      },
    },
  };
}
