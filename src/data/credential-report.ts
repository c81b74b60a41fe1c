/**
 * The IAM credential report: CSV parsing into typed rows.
 *
 * Column meanings follow the IAM documentation. Values AWS uses for "nothing
 * here" (`N/A`, `no_information`, `not_supported`) become null, so a rule can
 * never mistake them for a date.
 */

export const ROOT_USER = '<root_account>';

export interface AccessKeyColumns {
  active: boolean;
  lastRotated: string | null;
  lastUsedDate: string | null;
  lastUsedRegion: string | null;
  lastUsedService: string | null;
}

export interface CredentialReportRow {
  user: string;
  arn: string;
  userCreationTime: string | null;
  /** null for the root user, whose report row says `not_supported`. */
  passwordEnabled: boolean | null;
  passwordLastUsed: string | null;
  passwordLastChanged: string | null;
  passwordNextRotation: string | null;
  mfaActive: boolean;
  accessKeys: [AccessKeyColumns, AccessKeyColumns];
  certificates: [{ active: boolean; lastRotated: string | null }, { active: boolean; lastRotated: string | null }];
}

export interface CredentialReport {
  /** When IAM generated the report (it can lag up to four hours behind reality). */
  generatedTime: string | null;
  rows: CredentialReportRow[];
}

const EMPTY = new Set(['', 'N/A', 'no_information', 'not_supported']);

function text(value: string | undefined): string | null {
  return value === undefined || EMPTY.has(value) ? null : value;
}

function flag(value: string | undefined): boolean | null {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends. */
export function parseCsv(content: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < content.length; i++) {
    const ch = content[i];
    if (quoted) {
      if (ch === '"' && content[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && content[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => !(r.length === 1 && r[0] === ''));
}

export function parseCredentialReport(csv: string, generatedTime: string | null): CredentialReport {
  const [header, ...body] = parseCsv(csv);
  if (!header || !header.includes('user') || !header.includes('mfa_active')) {
    throw new Error('the credential report has no header row with the expected columns');
  }
  const rows = body.map((cells, index) => {
    if (cells.length !== header.length) {
      throw new Error(`the credential report's row ${index + 1} has ${cells.length} of ${header.length} columns (truncated?)`);
    }
    const get = (column: string) => cells[header.indexOf(column)];
    const key = (n: 1 | 2): AccessKeyColumns => ({
      active: flag(get(`access_key_${n}_active`)) === true,
      lastRotated: text(get(`access_key_${n}_last_rotated`)),
      lastUsedDate: text(get(`access_key_${n}_last_used_date`)),
      lastUsedRegion: text(get(`access_key_${n}_last_used_region`)),
      lastUsedService: text(get(`access_key_${n}_last_used_service`)),
    });
    const cert = (n: 1 | 2) => ({
      active: flag(get(`cert_${n}_active`)) === true,
      lastRotated: text(get(`cert_${n}_last_rotated`)),
    });
    return {
      user: get('user') ?? '',
      arn: get('arn') ?? '',
      userCreationTime: text(get('user_creation_time')),
      passwordEnabled: flag(get('password_enabled')),
      passwordLastUsed: text(get('password_last_used')),
      passwordLastChanged: text(get('password_last_changed')),
      passwordNextRotation: text(get('password_next_rotation')),
      mfaActive: flag(get('mfa_active')) === true,
      accessKeys: [key(1), key(2)],
      certificates: [cert(1), cert(2)],
    } satisfies CredentialReportRow;
  });
  return { generatedTime, rows };
}
