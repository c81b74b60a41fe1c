/** A minimal scan.json of one account, its counts from the findings given. */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { countFindings } from '../../src/domain/counts.js';
import type { ScanDocument } from '../../src/engine/scan-document.js';

export const scanDocumentOf = (account: string, findings: AwsSecurityFinding[], over: Partial<ScanDocument> = {}): ScanDocument => ({
  tool: { name: 'hubcheck', version: '1' },
  mode: 'live',
  startedAt: '2026-11-27T10:00:00.000Z',
  finishedAt: '2026-11-27T10:01:00.000Z',
  durationMs: 60_000,
  benchmarks: ['cis-5.0.0'],
  homeRegion: 'us-east-1',
  regions: ['us-east-1'],
  accounts: [{ id: account, status: 'scanned', regions: ['us-east-1'], durationMs: 1, apiCalls: { calls: 3, attempts: 3, throttles: 0 }, regionDetails: [] }],
  rules: [],
  counts: countFindings(findings),
  errors: [],
  notAvailable: [],
  apiCalls: { calls: 3, attempts: 3, throttles: 0, byOperation: {}, byScope: {} },
  ...over,
});
