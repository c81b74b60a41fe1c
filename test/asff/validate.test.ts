import { describe, expect, it } from 'vitest';
import { validateFinding, validateFindings } from '../../src/asff/validate.js';
import { minimal } from '../helpers/asff-samples.js';

const paths = (finding: unknown) => validateFinding(finding).map((i) => i.path);

describe('validateFinding', () => {
  it('accepts the minimal finding', () => {
    expect(validateFinding(minimal())).toEqual([]);
  });

  it.each([
    'SchemaVersion', 'Id', 'ProductArn', 'GeneratorId', 'AwsAccountId', 'Types',
    'CreatedAt', 'UpdatedAt', 'Severity', 'Title', 'Description', 'Resources',
  ])('requires %s', (field) => {
    const f: Record<string, unknown> = minimal();
    delete f[field];
    expect(validateFinding(f)).toContainEqual({ path: `$.${field}`, message: 'is required' });
  });

  it.each([
    { field: 'Title', value: 'x'.repeat(257), path: '$.Title' },
    { field: 'Description', value: 'x'.repeat(1025), path: '$.Description' },
    { field: 'Id', value: 'x'.repeat(513), path: '$.Id' },
    { field: 'AwsAccountId', value: '12345', path: '$.AwsAccountId' },
    { field: 'SchemaVersion', value: '2020-01-01', path: '$.SchemaVersion' },
    { field: 'ProductArn', value: 'arn:aws:s3:::bucket', path: '$.ProductArn' },
    { field: 'CreatedAt', value: '27/11/2026', path: '$.CreatedAt' },
    { field: 'UpdatedAt', value: '2026-13-45T99:00:00Z', path: '$.UpdatedAt' },
    { field: 'Types', value: ['a/b/c/d'], path: '$.Types[0]' },
    { field: 'Types', value: ['Made Up Namespace/x'], path: '$.Types[0]' },
    { field: 'Types', value: [], path: '$.Types' },
    { field: 'Severity', value: { Label: 'SEVERE' }, path: '$.Severity.Label' },
    { field: 'Severity', value: {}, path: '$.Severity' },
    { field: 'Resources', value: [], path: '$.Resources' },
    { field: 'Resources', value: [{ Type: 'Other' }], path: '$.Resources[0].Id' },
    { field: 'Resources', value: [{ Type: '', Id: 'x' }], path: '$.Resources[0].Type' },
    { field: 'Resources', value: [{ Type: 'Other', Id: 'x', Tags: {} }], path: '$.Resources[0].Tags' },
    { field: 'Resources', value: [{ Type: 'Other', Id: 'x', Partition: 'azure' }], path: '$.Resources[0].Partition' },
    { field: 'Title', value: '   ', path: '$.Title' },
    { field: 'Title', value: 42, path: '$.Title' },
    { field: 'Compliance', value: { Status: 'OK' }, path: '$.Compliance.Status' },
    { field: 'Compliance', value: { RelatedRequirements: Array.from({ length: 33 }, (_, i) => `r${i}`) }, path: '$.Compliance.RelatedRequirements' },
    { field: 'Compliance', value: { AssociatedStandards: Array.from({ length: 21 }, () => ({ StandardsId: 's' })) }, path: '$.Compliance.AssociatedStandards' },
    { field: 'Remediation', value: { Recommendation: { Text: 'x'.repeat(513) } }, path: '$.Remediation.Recommendation.Text' },
    { field: 'ProductFields', value: { 'aws/securityhub/x': 'y' }, path: '$.ProductFields["aws/securityhub/x"]' },
    { field: 'ProductFields', value: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])), path: '$.ProductFields' },
    { field: 'RecordState', value: 'DELETED', path: '$.RecordState' },
    { field: 'Workflow', value: { Status: 'DONE' }, path: '$.Workflow.Status' },
    { field: 'Confidence', value: 101, path: '$.Confidence' },
    { field: 'Colour', value: 'blue', path: '$.Colour' },
  ])('rejects a bad $field at $path', ({ field, value, path }) => {
    expect(paths({ ...minimal(), [field]: value })).toContain(path);
  });

  it('rejects a finding over 240 KB', () => {
    const f = { ...minimal(), Resources: [{ Type: 'Other', Id: 'x', Details: { Other: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, 'v'.repeat(1000)])) } }] };
    expect(validateFinding(f).some((i) => i.path === '$' && /240 KB/.test(i.message))).toBe(true);
  });

  it('accepts the timestamp forms Security Hub accepts', () => {
    for (const t of ['2019-01-31T23:00:00Z', '2019-01-31T23:00:00.123456789Z', '2024-01-04T15:25:10+17:59', '2024-01-04T15:25:10-1759']) {
      expect(paths({ ...minimal(), CreatedAt: t }), t).toEqual([]);
    }
  });

  it('reports each problem once', () => {
    const issues = validateFinding({ ...minimal(), Title: '' });
    expect(issues.filter((i) => i.path === '$.Title')).toHaveLength(1);
  });
});

describe('validateFindings', () => {
  it('takes one object or an array, with the index in every path', () => {
    expect(validateFindings(minimal())).toEqual({ count: 1, issues: [] });
    const result = validateFindings([minimal(), { ...minimal(), Title: undefined }]);
    expect(result.count).toBe(2);
    expect(result.issues).toEqual([{ path: '$[1].Title', message: 'is required' }]);
    expect(validateFindings([]).issues[0]?.message).toMatch(/no findings/);
    expect(validateFindings('nope').issues[0]?.path).toBe('$');
  });
});
