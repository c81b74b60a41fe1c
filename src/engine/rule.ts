/**
 * The rule plugin interface (a contract: see DESIGN.md, "A rule").
 *
 * A rule is metadata plus one pure async `evaluate` that reads through the data
 * layer and returns one result per evaluated resource. Rules never call AWS and
 * never format output.
 */
import type { BenchmarkVersion } from './benchmarks.js';
import type { DataLayer } from '../data/layer.js';
import { DataUnavailable } from '../data/errors.js';

export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** The severity of a FAILED result; passing results are always INFORMATIONAL. */
export type FailSeverity = Exclude<Severity, 'INFORMATIONAL'>;

export const COMPLIANCE_STATUSES = ['PASSED', 'FAILED', 'WARNING', 'NOT_AVAILABLE'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

/**
 * 'account': once per account, in the home Region; a result may name the Region
 * the finding belongs to (`resource.region`, e.g. the home Region of the trail it
 * judges), and is then routed, counted and archived there.
 * 'region': in every scanned Region.
 */
export type RuleScope = 'account' | 'region';

/** CIS benchmark status of a requirement: Scored / Not Scored (v1.2.0), Automated / Manual, or disputed. */
export type CisStatus = 'S' | 'NS' | 'A' | 'M' | 'A/M?';

/** Requirement number(s) per benchmark version; a version with no mapping has no key. */
export type CisMapping = Partial<Record<BenchmarkVersion, string | readonly string[]>>;

export interface ResourceRef {
  /** ASFF `Resources[].Type`, e.g. `AwsAccount`, `AwsIamUser`. */
  type: string;
  /** ARN where the resource has one; `AWS::::Account:<id>` for the account. */
  id: string;
  /** Region the resource lives in; defaults to the Region the rule evaluated. */
  region?: string;
  /** A short human name for reports (user name, group name). */
  name?: string;
  /** ASFF `Resources[].Details`, keyed by the details type. */
  details?: Record<string, unknown>;
  tags?: Record<string, string>;
}

export type EvidenceValue = string | number | boolean | null;
export type Evidence = Record<string, EvidenceValue>;

export interface RuleResult {
  status: ComplianceStatus;
  resource: ResourceRef;
  /** One sentence a person can act on. */
  reason: string;
  /** Machine-readable cause, e.g. `CLOUDTRAIL_MULTI_REGION_NOT_PRESENT`: one of the rule's `reasonCodes`. */
  reasonCode?: string;
  /** The facts the decision was made on. */
  evidence?: Evidence;
  /** The verdict rests on a read that failed: it counts as not evaluated (exit 3). */
  incomplete?: true;
}

/**
 * The machine-readable causes a rule's results name, each with what it means
 * (ESLint's `meta.messages`). Listed in the rule's doc; the engine refuses a
 * result whose code the rule did not declare.
 */
export type ReasonCodes = Readonly<Record<string, string>>;

/** Codes the engine gives for any rule: a read that failed, or a rule that broke. */
export const ENGINE_REASON_CODES = {
  ACCESS_DENIED: 'A read the rule needs was denied; the finding names the missing permission.',
  DATA_UNAVAILABLE: 'A read the rule needs failed or gave an answer that could not be used.',
  RULE_ERROR: 'The rule itself failed or broke its contract.',
} as const satisfies ReasonCodes;

export type RuleParams = Record<string, string | number | boolean | readonly (string | number)[]>;

export interface RuleContext<P extends RuleParams = RuleParams> {
  /** Reads in the Region being evaluated. */
  data: DataLayer;
  /** Reads in another Region of the same account (a trail's home Region, a bucket's Region). */
  dataIn(region: string): DataLayer;
  account: string;
  /** The Region being evaluated (the home Region for account-scoped rules). */
  region: string;
  homeRegion: string;
  /** Every Region this scan covers. */
  regions: readonly string[];
  partition: string;
  params: P;
  /** The scan's clock: rules compare ages against this, never against Date.now(). */
  now: Date;
  benchmarks: readonly BenchmarkVersion[];
}

/**
 * How to fix a failing result, as steps a person can run. Text may hold
 * placeholders, `{{name}}`, filled when a finding is rendered (see
 * render-remediation.ts): `account`, `region`, `partition`, `ruleId`,
 * `resource` (the last segment of the resource id: a bucket, group or user
 * name, an sg-/vpc-/i- id), `resourceArn` (the whole id), every rule parameter
 * by name, and the `inputs` the fix declares.
 *
 * In `cloudformation` and `terraform` a placeholder sits inside a double-quoted
 * string; in `cli` it stands outside quotes (the value is shell-quoted) or inside
 * single quotes (its `'` escaped; `{{name|json}}` also escapes it as JSON
 * string content).
 */
export interface RemediationSteps {
  /** What to change, and where it applies: one or two sentences. */
  change: string;
  /** The AWS CLI (v1 and v2) commands, run in order. */
  cli?: readonly string[];
  /** CloudFormation YAML: one or more entries of a template's `Resources`. */
  cloudformation?: string;
  /** Terraform HCL for the AWS provider, as `terraform fmt` writes it. */
  terraform?: string;
  /** Why a part (cli, cloudformation, terraform) is missing. Required when one is. */
  cannot?: string;
  /** Values the finding does not give (a log group, an email address): a default the user may replace, and what it is. */
  inputs?: Readonly<Record<string, { default: string; means: string }>>;
}

export interface Remediation {
  /** One paragraph in our words (ASFF `Remediation.Recommendation.Text`, 512 characters at most there). */
  text: string;
  /** Where to read more: Security Hub's page for the control, or the rule's doc. */
  url: string;
  /** The rule's own doc, where the structured steps are shown: the finding's Recommendation Url when set. */
  doc?: string;
  /** Optional for plugin rules; built-in rules are counted by a test. */
  steps?: RemediationSteps;
}

interface RuleMetadata {
  /** kebab-case; equals the file name, the doc name and the test name. */
  id: string;
  title: string;
  /** Security Hub control id (`IAM.9`); null for CIS requirements Security Hub has no control for. */
  securityHubControlId: string | null;
  severity: FailSeverity;
  /** Security Hub's mapping of the control to CIS requirements, per version. */
  cis: CisMapping;
  /** CIS requirements the rule's logic covers although Security Hub does not map them. */
  cisExtra?: CisMapping;
  /** CIS status per version, for rules with no Security Hub control: M and NS are not run. */
  cisStatus?: Partial<Record<BenchmarkVersion, CisStatus>>;
  scope: RuleScope;
  resourceType: string | readonly string[];
  /** Every IAM action the rule's reads need; a test checks it against the accessors it uses. */
  requiredActions: readonly string[];
  remediation: Remediation;
  /** Every reason code the rule's results name (engine codes aside). */
  reasonCodes?: ReasonCodes;
}

type ParamsField<P extends RuleParams> = [keyof P] extends [never] ? { params?: P } : { params: P };

export type RuleDefinition<P extends RuleParams> = RuleMetadata &
  ParamsField<P> & {
    evaluate(context: RuleContext<P>): Promise<RuleResult[]>;
  };

/** A rule as the registry and engine hold it: params resolved. */
export interface Rule<P extends RuleParams = RuleParams> extends RuleMetadata {
  params: P;
  evaluate(context: RuleContext<P>): Promise<RuleResult[]>;
}

/**
 * Makes a rule. Metadata is checked at compile time (a missing field does not
 * compile) and again at load time by the registry, for rules loaded from
 * `--rules-dir` as plain JavaScript.
 */
export function defineRule<P extends RuleParams = Record<never, never>>(definition: RuleDefinition<P>): Rule<P> {
  return { ...definition, params: (definition.params ?? {}) as P };
}

// ----- results -------------------------------------------------------------

type ResultExtras = Pick<RuleResult, 'reasonCode' | 'evidence'>;

function result(status: ComplianceStatus, resource: ResourceRef, reason: string, extras?: ResultExtras): RuleResult {
  return { status, resource, reason, ...extras };
}

export const pass = (resource: ResourceRef, reason: string, extras?: ResultExtras): RuleResult =>
  result('PASSED', resource, reason, extras);
export const fail = (resource: ResourceRef, reason: string, extras?: ResultExtras): RuleResult =>
  result('FAILED', resource, reason, extras);
export const warning = (resource: ResourceRef, reason: string, extras?: ResultExtras): RuleResult =>
  result('WARNING', resource, reason, extras);
export const notAvailable = (resource: ResourceRef, reason: string, extras?: ResultExtras): RuleResult =>
  result('NOT_AVAILABLE', resource, reason, extras);

/** The NOT_AVAILABLE result for a read that could not be made, naming the action that failed. */
export function unavailable(resource: ResourceRef, error: DataUnavailable): RuleResult {
  return notAvailable(resource, error.describe(), {
    reasonCode: error.reason === 'access-denied' ? 'ACCESS_DENIED' : 'DATA_UNAVAILABLE',
    evidence: { action: error.action, errorCode: error.code, region: error.region },
  });
}

/**
 * Runs one per-resource read (a bucket's policy, a key's rotation status).
 * A DataUnavailable is returned, not thrown, so the rule can report that one
 * resource as NOT_AVAILABLE and judge the others; any other error propagates.
 *
 *   const policy = await attempt(data.s3.bucketPolicy(name));
 *   if (policy instanceof DataUnavailable) return unavailable(resource, policy);
 */
export async function attempt<T>(read: Promise<T>): Promise<T | DataUnavailable> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof DataUnavailable) return error;
    throw error;
  }
}

/**
 * Runs independent reads concurrently, like Promise.all, but when several fail
 * it throws the failure of the first read in argument order, not the first to
 * arrive: a scan missing two permissions names the same one on every run.
 *
 *   const [vpcs, flowLogs] = await readAll([data.ec2.vpcs(), data.ec2.flowLogs()]);
 */
export async function readAll<const T extends readonly unknown[]>(reads: { readonly [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(reads);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

// ----- resources -----------------------------------------------------------

/** The account as an ASFF resource, in the Region the finding belongs to. */
export function accountResource(account: string, region?: string): ResourceRef {
  return { type: 'AwsAccount', id: `AWS::::Account:${account}`, name: account, ...(region ? { region } : {}) };
}

/** The ratio of severities, for `--fail-on` and sorting. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
