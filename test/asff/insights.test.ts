import { describe, expect, it } from 'vitest';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { FilterError, compileFilters } from '../../src/asff/filters.js';
import { MANAGED_INSIGHTS, SERVICE_GROUP_BY, checkGroupBy, findManagedInsight, runInsight } from '../../src/asff/insights.js';
import { minimal } from '../helpers/asff-samples.js';

const now = new Date('2026-11-27T12:00:00Z');
const f = (over: Record<string, unknown>) => ({ ...minimal(), ...over }) as AwsSecurityFinding;
const FINDINGS = [
  f({ Id: '1', Severity: { Label: 'HIGH' }, Compliance: { Status: 'FAILED' }, UpdatedAt: '2026-11-27T09:00:00Z', Resources: [{ Type: 'AwsEc2SecurityGroup', Id: 'sg-1' }, { Type: 'AwsEc2Instance', Id: 'i-1', Details: { AwsEc2Instance: { ImageId: 'ami-1' } } }] }),
  f({ Id: '2', Severity: { Label: 'HIGH' }, Compliance: { Status: 'FAILED' }, UpdatedAt: '2026-11-27T09:00:00Z', Resources: [{ Type: 'AwsEc2Instance', Id: 'i-1' }, { Type: 'AwsEc2Instance', Id: 'i-2' }] }),
  f({ Id: '3', Severity: { Label: 'LOW' }, Compliance: { Status: 'FAILED' }, UpdatedAt: '2026-11-01T00:00:00Z', Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::b' }] }),
  f({ Id: '4', Severity: { Label: 'INFORMATIONAL' }, Compliance: { Status: 'PASSED' }, Resources: [{ Type: 'AwsEc2Instance', Id: 'i-2' }] }),
  f({ Id: '5', Severity: { Label: 'HIGH' }, Workflow: { Status: 'SUPPRESSED' }, Resources: [{ Type: 'AwsEc2Instance', Id: 'i-3' }] }),
];

describe('runInsight', () => {
  it('counts matching findings per value, largest first', () => {
    const result = runInsight(FINDINGS, { filters: {}, groupBy: 'SeverityLabel' }, { now });
    expect(result).toMatchObject({ total: 5, matched: 5, missing: 0 });
    expect(result.results).toEqual([
      { GroupByAttributeValue: 'HIGH', Count: 3 },
      { GroupByAttributeValue: 'INFORMATIONAL', Count: 1 },
      { GroupByAttributeValue: 'LOW', Count: 1 },
    ]);
  });

  it('counts every resource of a matching finding for a resource-level attribute, each value once per finding', () => {
    const byType = runInsight(FINDINGS, { filters: { ResourceId: [{ Comparison: 'EQUALS', Value: 'i-1' }] }, groupBy: 'ResourceType' }, { now });
    // Findings 1 and 2 match; finding 1's security group counts too; finding 2's two instances count once.
    expect(byType.results).toEqual([
      { GroupByAttributeValue: 'AwsEc2Instance', Count: 2 },
      { GroupByAttributeValue: 'AwsEc2SecurityGroup', Count: 1 },
    ]);
    const byId = runInsight(FINDINGS, { filters: { ResourceType: [{ Comparison: 'EQUALS', Value: 'AwsEc2SecurityGroup' }] }, groupBy: 'ResourceId' }, { now });
    expect(byId.results.map((r) => r.GroupByAttributeValue)).toEqual(['i-1', 'sg-1']);
  });

  it('counts findings without the attribute apart', () => {
    const result = runInsight(FINDINGS, { filters: {}, groupBy: 'ResourceAwsEc2InstanceImageId' }, { now });
    expect(result.results).toEqual([{ GroupByAttributeValue: 'ami-1', Count: 1 }]);
    expect(result.missing).toBe(4);
  });

  it('runs a managed insight: open findings (ACTIVE, NEW or NOTIFIED) failed in the last day, by resource', () => {
    const preset = findManagedInsight('most-failed-checks')!;
    const result = runInsight(FINDINGS, { filters: preset.filters, groupBy: preset.groupBy }, { now });
    expect(result.matched).toBe(2);
    expect(result.results).toEqual([
      { GroupByAttributeValue: 'i-1', Count: 2 },
      { GroupByAttributeValue: 'i-2', Count: 1 },
      { GroupByAttributeValue: 'sg-1', Count: 1 },
    ]);
    const ec2 = findManagedInsight('top-ec2-instances')!;
    // Finding 5 is SUPPRESSED: not open, so not counted.
    expect(runInsight(FINDINGS, { filters: ec2.filters, groupBy: ec2.groupBy }, { now }).results.map((r) => r.GroupByAttributeValue)).not.toContain('i-3');
  });

  it('rejects an unknown group-by attribute, and one not known to CreateInsight for the service', () => {
    expect(() => runInsight(FINDINGS, { filters: {}, groupBy: 'Colour' })).toThrow(/unknown group-by attribute Colour/);
    expect(() => checkGroupBy('Title', true)).toThrow(/works locally, but is not known to be accepted by CreateInsight/);
    expect(() => checkGroupBy('ResourceId', true)).not.toThrow();
  });
});

describe('managed insights', () => {
  it('ships the 32 insights of the 2023 list, each valid and findable by id, number, name and ARN', () => {
    expect(MANAGED_INSIGHTS).toHaveLength(32);
    expect(MANAGED_INSIGHTS.map((p) => p.number)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(new Set(MANAGED_INSIGHTS.map((p) => p.id)).size).toBe(32);
    expect(new Set(MANAGED_INSIGHTS.map((p) => p.arn)).size).toBe(32);
    for (const p of MANAGED_INSIGHTS) {
      expect(() => compileFilters(p.filters, { now, forService: true }), p.id).not.toThrow(FilterError);
      expect(p.arn).toMatch(/^arn:aws:securityhub:::insight\/securityhub\/default\/\d+$/);
      if (p.id !== 'threat-intel-top-hits') {
        expect(p.filters.RecordState, p.id).toEqual([{ Comparison: 'EQUALS', Value: 'ACTIVE' }]);
        expect(p.filters.WorkflowStatus, p.id).toEqual([{ Comparison: 'EQUALS', Value: 'NEW' }, { Comparison: 'EQUALS', Value: 'NOTIFIED' }]);
        expect(SERVICE_GROUP_BY as readonly string[], p.id).toContain(p.groupBy);
      }
    }
    const severity = findManagedInsight('severity')!;
    expect(findManagedInsight('24')).toBe(severity);
    expect(findManagedInsight('Severity by counts of findings')).toBe(severity);
    expect(findManagedInsight('arn:aws:securityhub:::insight/securityhub/default/29')).toBe(severity);
    expect(findManagedInsight('nope')).toBeUndefined();
    expect(findManagedInsight('ec2-not-meeting-standards')?.filters.Type).toHaveLength(2);
  });
});
