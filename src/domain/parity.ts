/**
 * The words of a parity table (hubcheck's verdicts beside Security Hub's own
 * CIS control findings), shared by `hubcheck parity`, scan.json and the HTML
 * report. The matching itself is src/securityhub/parity.ts.
 */
export type ParityCategory = 'agree' | 'only-hubcheck' | 'only-securityhub' | 'disagree';

export const PARITY_CATEGORIES: readonly ParityCategory[] = ['agree', 'only-hubcheck', 'only-securityhub', 'disagree'];

export const PARITY_LABELS: Record<ParityCategory, string> = {
  agree: 'both agree',
  'only-hubcheck': 'only hubcheck',
  'only-securityhub': 'only Security Hub',
  disagree: 'disagree',
};

export interface ParityRow {
  control: string;
  account: string;
  region: string;
  resource: string;
  category: ParityCategory;
  hubcheck?: string;
  securityHub?: string;
  /** Security Hub's StatusReasons[0].ReasonCode, where it gave one. */
  securityHubReason?: string;
}

export interface ParityReport {
  rows: ParityRow[];
  counts: Record<ParityCategory, number>;
  /** Controls compared (those hubcheck ran that have a Security Hub control id). */
  controls: string[];
}

/** A parity table run as part of a scan (`scan --parity`): the table, and the accounts whose Security Hub could not be read. */
export interface ParityRecord extends ParityReport {
  errors: string[];
}
