/** Reads a hubcheck scan.json (for `report --scan` and `merge`): input limits, then its shape, before any of it is used. */
import { UsageError } from '../errors.js';
import type { ScanDocument } from '../engine/scan-document.js';
import type { HistoryDelta } from '../history/delta.js';
import { readInputJson } from './read-input.js';
import { SCAN_DOCUMENT_SHAPE, shapeProblem } from './shape.js';

export type ReadScan = Partial<ScanDocument> & { history?: HistoryDelta };

export function checkScanDocument(parsed: unknown, file: string): ReadScan {
  const tool = (parsed as { tool?: { name?: unknown } } | null)?.tool;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || tool?.name !== 'hubcheck') {
    throw new UsageError(`${file}: not a hubcheck scan.json`);
  }
  const problem = shapeProblem(parsed, SCAN_DOCUMENT_SHAPE);
  if (problem) throw new UsageError(`${file}: not a valid hubcheck scan.json: ${problem}`);
  return parsed;
}

export async function readScanDocument(file: string): Promise<ReadScan> {
  return checkScanDocument(await readInputJson(file, 'scan'), file);
}
