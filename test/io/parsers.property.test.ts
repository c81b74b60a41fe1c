/**
 * Every parser of outside input, fed generated input (fast-check): each returns
 * a value or throws its own typed error, never anything else (no TypeError, no
 * stack overflow), and deep nesting costs linear time. FUZZ_RUNS raises the
 * number of cases (`npm run fuzz`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalPattern, FilterPatternError, parseFilterPattern } from '../../rules/lib/metric-filter-pattern.js';
import { FilterError, compileFilters, filterFindings } from '../../src/asff/filters.js';
import { runInsight } from '../../src/asff/insights.js';
import { checkFindings } from '../../src/asff/read-findings.js';
import { validateFindings } from '../../src/asff/validate.js';
import { parseConfig } from '../../src/cli/config.js';
import { parseCredentialReport, parseCsv } from '../../src/data/credential-report.js';
import { parsePolicyDocument } from '../../src/data/policy-document.js';
import { parseSnapshot } from '../../src/data/snapshot.js';
import { UsageError } from '../../src/errors.js';
import { checkScanDocument } from '../../src/io/read-scan.js';
import { parseSuppressions } from '../../src/suppressions/suppressions.js';
import { finding } from '../helpers/findings.js';
import { fuzzRuns } from '../helpers/fuzz.js';

const RUNS = fuzzRuns(1_000);

/** Runs `parse`; passes when it returns or throws one of `allowed`, fails with the error otherwise. */
function returnsOrThrowsTyped(parse: () => unknown, ...allowed: (new (...args: never[]) => Error)[]): void {
  try {
    parse();
  } catch (error) {
    if (allowed.some((type) => error instanceof type)) return;
    throw new Error(`threw ${(error as Error)?.name}: ${(error as Error)?.message}`, { cause: error });
  }
}

/** Nesting of any depth up to `max`, as text: brackets, braces, both. */
const deepText = (open: string, close: string) =>
  fc.integer({ min: 1, max: 20_000 }).map((n) => `${open.repeat(n)}${close.repeat(n)}`);

const jsonish = fc.oneof(fc.jsonValue({ maxDepth: 6 }), fc.anything({ maxDepth: 4 }));
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json({ maxDepth: 5 }),
  fc.array(fc.constantFrom('{', '}', '[', ']', '(', ')', '"', '\\', '$.', 'eventName', '=', '!=', '&&', '||', '%', '*', ' ', 'IS', 'NOT', 'EXISTS', 'null', '1', ','), { maxLength: 40 }).map((p) => p.join('')),
);

function linear(parse: (input: string) => unknown, make: (n: number) => string): void {
  const time = (n: number) => {
    const input = make(n);
    const started = performance.now();
    try {
      parse(input);
    } catch {
      // the errors are checked elsewhere; here only the time counts
    }
    return performance.now() - started;
  };
  time(1_000);
  const small = Math.max(time(10_000), 1);
  const large = time(100_000);
  expect(large).toBeLessThan(small * 30 + 50);
}

describe('parsers of outside input, property tests', () => {
  it('metric filter patterns: an expression or FilterPatternError', () => {
    fc.assert(fc.property(text, (p) => returnsOrThrowsTyped(() => canonicalPattern(p), FilterPatternError)), { numRuns: RUNS });
    fc.assert(fc.property(deepText('{ (', ') }'), (p) => returnsOrThrowsTyped(() => parseFilterPattern(p), FilterPatternError)), { numRuns: 20 });
    linear(parseFilterPattern, (n) => `{ ${'('.repeat(n)}$.a = 1${')'.repeat(n)} }`);
  });

  it('policy documents: a document or null, never a throw', () => {
    const policy = fc.oneof(text, jsonish.map((v) => JSON.stringify(v) ?? ''), fc.record({ Statement: jsonish, Version: jsonish }).map((v) => JSON.stringify(v)));
    fc.assert(
      fc.property(policy, fc.boolean(), (p, encoded) => {
        parsePolicyDocument(encoded ? encodeURIComponent(p) : p, encoded);
        parsePolicyDocument(p, true);
      }),
      { numRuns: RUNS },
    );
    linear((t) => parsePolicyDocument(t), (n) => `${'['.repeat(n)}${']'.repeat(n)}`);
  });

  it('credential report CSV: a report or its header error', () => {
    const header = 'user,arn,user_creation_time,password_enabled,password_last_used,mfa_active,access_key_1_active,access_key_2_active';
    const csv = fc.oneof(text, text.map((t) => `${header}\n${t}`), fc.array(fc.array(fc.string({ maxLength: 12 }), { maxLength: 10 }), { maxLength: 10 }).map((rows) => [header, ...rows.map((r) => r.join(','))].join('\n')));
    fc.assert(
      fc.property(csv, fc.option(fc.string({ maxLength: 30 })), (c, generated) => {
        parseCsv(c);
        returnsOrThrowsTyped(() => parseCredentialReport(c, generated), Error);
        try {
          parseCredentialReport(c, generated);
        } catch (error) {
          expect((error as Error).message).toMatch(/credential report/);
        }
      }),
      { numRuns: RUNS },
    );
    linear(parseCsv, (n) => `"${'a'.repeat(n)}`);
  });

  it('ASFF validator: a list of issues for any JSON value, never a throw', () => {
    const base = finding() as unknown as Record<string, unknown>;
    const mutated = fc.dictionary(fc.constantFrom(...Object.keys(base), 'Note', 'Workflow', 'Severity', 'Resources', 'UserDefinedFields'), jsonish, { maxKeys: 5 }).map((over) => ({ ...base, ...over }));
    fc.assert(
      fc.property(fc.oneof(jsonish, mutated, fc.array(mutated, { maxLength: 3 })), (value) => {
        const { issues } = validateFindings(value);
        expect(Array.isArray(issues)).toBe(true);
        returnsOrThrowsTyped(() => checkFindings(value, 'f.json'), UsageError);
      }),
      { numRuns: RUNS },
    );
  });

  it('insight filters: compiled filters or FilterError, and running them never throws anything else', () => {
    const comparison = fc.oneof(
      fc.record({ Value: jsonish, Comparison: fc.oneof(fc.constantFrom('EQUALS', 'PREFIX', 'NOT_EQUALS', 'PREFIX_NOT_EQUALS', 'CONTAINS', 'NOT_CONTAINS'), jsonish) }, { requiredKeys: [] }),
      fc.record({ Gte: jsonish, Lte: jsonish, Eq: jsonish, Gt: jsonish, Lt: jsonish }, { requiredKeys: [] }),
      fc.record({ Start: jsonish, End: jsonish, DateRange: fc.record({ Value: jsonish, Unit: jsonish }, { requiredKeys: [] }) }, { requiredKeys: [] }),
      fc.record({ Key: jsonish, Value: jsonish, Comparison: jsonish }, { requiredKeys: [] }),
      jsonish,
    );
    const field = fc.constantFrom('SeverityLabel', 'ComplianceStatus', 'ResourceId', 'ProductFields', 'CreatedAt', 'SeverityNormalized', 'ResourceTags', 'RecordState', 'Title', 'nonsense');
    const filters = fc.oneof(jsonish, fc.dictionary(field, fc.oneof(fc.array(comparison, { maxLength: 3 }), jsonish), { maxKeys: 4 }));
    const findings = [finding(), finding({ status: 'PASSED', resource: 'r2', tags: { a: 'b' } })];
    fc.assert(
      fc.property(filters, fc.boolean(), (f, forService) => {
        returnsOrThrowsTyped(() => compileFilters(f, { now: new Date(0), forService }), FilterError);
        returnsOrThrowsTyped(() => filterFindings(findings, f, { now: new Date(0) }), FilterError);
        returnsOrThrowsTyped(() => runInsight(findings, { filters: f, groupBy: 'ResourceId' }, { now: new Date(0) }), FilterError);
      }),
      { numRuns: RUNS },
    );
  });

  it('config files: options or UsageError, deep nesting refused in linear time', () => {
    const yamlText = fc.oneof(text, fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)), fc.dictionary(fc.constantFrom('regions', 'benchmark', 'fail-on', 'output-dir', 'format', 'rules', 'x'), jsonish, { maxKeys: 4 }).map((v) => JSON.stringify(v)));
    fc.assert(fc.property(yamlText, (t) => returnsOrThrowsTyped(() => parseConfig(t, 'c.yaml'), UsageError)), { numRuns: RUNS });
    fc.assert(fc.property(deepText('[', ']'), (t) => returnsOrThrowsTyped(() => parseConfig(`regions: ${t}`, 'c.yaml'), UsageError)), { numRuns: 20 });
    linear((t) => parseConfig(t, 'c.yaml'), (n) => `regions: ${'['.repeat(n)}`);
  });

  it('suppression files: entries or UsageError', () => {
    const entry = fc.record({ rule: jsonish, account: jsonish, region: jsonish, resource: jsonish, reason: jsonish, owner: jsonish, expires: jsonish }, { requiredKeys: [] });
    const file = fc.oneof(text, fc.record({ suppressions: fc.oneof(fc.array(entry, { maxLength: 4 }), jsonish) }).map((v) => JSON.stringify(v)));
    fc.assert(fc.property(file, (t) => returnsOrThrowsTyped(() => parseSuppressions(t, 's.yaml'), UsageError)), { numRuns: RUNS });
    linear((t) => parseSuppressions(t, 's.yaml'), (n) => `suppressions: ${'{a: '.repeat(n)}`);
  });

  it('snapshots and scan documents: a value or UsageError', () => {
    const snapshot = fc.record({ format: fc.constantFrom('hubcheck-snapshot', 'x'), version: fc.constantFrom(1, 2, '1'), homeRegion: jsonish, regions: jsonish, accounts: jsonish }, { requiredKeys: [] });
    fc.assert(fc.property(fc.oneof(text, snapshot.map((s) => JSON.stringify(s))), (t) => returnsOrThrowsTyped(() => parseSnapshot(t, 's.json'), UsageError)), { numRuns: RUNS });
    linear((t) => parseSnapshot(t, 's.json'), (n) => '['.repeat(n));
    const scan = fc.record({ tool: fc.oneof(fc.constant({ name: 'hubcheck', version: '1' }), jsonish), accounts: jsonish, history: fc.oneof(jsonish, fc.record({ new: jsonish, resolved: jsonish, trend: jsonish })), regions: jsonish }, { requiredKeys: ['tool'] });
    fc.assert(fc.property(fc.oneof(jsonish, scan), (v) => returnsOrThrowsTyped(() => checkScanDocument(v, 'scan.json'), UsageError)), { numRuns: RUNS });
  });
});
