/** The last line of a scan: the one file to open first, from the formats that were written. */
import path from 'node:path';
import { REPORTS, type ReportFormat } from '../../reports/index.js';
import { FINDINGS_FILE } from '../../reports/json.js';

/** Best first for a person to read. */
const READABLE: readonly ReportFormat[] = ['html', 'md', 'csv', 'junit'];

export function openHint(outputDir: string, formats: readonly string[]): string {
  const best = READABLE.find((format) => formats.includes(format));
  const file = path.join(outputDir, best ? REPORTS[best].file : FINDINGS_FILE);
  return best === 'html' ? `Open ${file} in a browser to see what to fix first.` : `Open ${file} to see what to fix first.`;
}
