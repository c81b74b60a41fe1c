/** The filter engine against a table of cases built from the documented semantics (spec 4.3), and every rejected combination. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { FILTER_FIELDS, FilterError, compileFilters, filterFindings } from '../../src/asff/filters.js';
import { minimal } from '../helpers/asff-samples.js';

const CIS = 'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark';
const ARN_US = 'arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default';
const now = new Date('2026-11-27T12:00:00Z');

const SAMPLE: AwsSecurityFinding[] = [
  {
    ...minimal(),
    Id: 'a',
    GeneratorId: 'hubcheck/iam-root-mfa-enabled',
    Title: 'Root user has no MFA',
    Types: [CIS],
    Severity: { Label: 'CRITICAL' },
    Compliance: { Status: 'FAILED', SecurityControlId: 'IAM.9' },
    Resources: [{ Type: 'AwsAccount', Id: 'AWS::::Account:123456789012' }],
    ProductFields: { 'hubcheck/RuleId': 'iam-root-mfa-enabled' },
    CreatedAt: '2026-11-01T00:00:00Z',
    UpdatedAt: '2026-11-20T00:00:00Z',
  },
  {
    ...minimal(),
    Id: 'b',
    GeneratorId: 'hubcheck/ec2-default-sg-closed',
    Title: 'Default security group allows traffic',
    Types: [CIS, 'Effects/Data Exposure'],
    Severity: { Label: 'HIGH' },
    Confidence: 80,
    Sample: true,
    Compliance: { Status: 'FAILED', SecurityControlId: 'EC2.2' },
    Resources: [
      { Type: 'AwsEc2SecurityGroup', Id: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-1', Tags: { env: 'prod' } },
      { Type: 'AwsEc2Instance', Id: 'i-1', Details: { AwsEc2Instance: { ImageId: 'ami-1', IpV4Addresses: ['10.0.0.5'] } } },
    ],
    Workflow: { Status: 'NOTIFIED' },
    RecordState: 'ACTIVE',
    CreatedAt: '2026-11-27T11:00:00Z',
    UpdatedAt: '2026-11-27T11:00:00Z',
  },
  {
    ...minimal(),
    Id: 'c',
    ProductArn: 'arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default',
    GeneratorId: 'hubcheck/ec2-ebs-default-encryption-enabled',
    Title: 'EBS default encryption',
    Types: [CIS],
    Severity: { Label: 'INFORMATIONAL' },
    Compliance: { Status: 'PASSED', SecurityControlId: 'EC2.7' },
    Resources: [{ Type: 'AwsAccount', Id: 'AWS::::Account:123456789012' }],
    ProductFields: { 'hubcheck/RuleId': 'ec2-ebs-default-encryption-enabled', team: 'platform-security' },
    RecordState: 'ARCHIVED',
    Workflow: { Status: 'RESOLVED' },
    CreatedAt: '2026-09-01T00:00:00Z',
    UpdatedAt: '2026-10-01T00:00:00Z',
  },
  { ...minimal(), Id: 'd', Resources: [{ Type: 'Other', Id: 'my-thing', Tags: { env: 'dev' } }] },
] as AwsSecurityFinding[];

const s = (Comparison: string, Value: string) => ({ Comparison, Value });
const m = (Comparison: string, Key: string, Value: string) => ({ Comparison, Key, Value });
const ids = (filters: unknown) => filterFindings(SAMPLE, filters, { now }).map((f) => f.Id).join(',');

describe('filters: matching', () => {
  it.each<[string, unknown, string]>([
    ['no filter matches everything', {}, 'a,b,c,d'],
    ['EQUALS', { SeverityLabel: [s('EQUALS', 'CRITICAL')] }, 'a'],
    ['values are case-sensitive', { SeverityLabel: [s('EQUALS', 'critical')] }, ''],
    ['positive comparisons on one field are OR-ed', { SeverityLabel: [s('EQUALS', 'CRITICAL'), s('EQUALS', 'HIGH')] }, 'a,b'],
    ['EQUALS with PREFIX (both positive) is OR-ed', { ComplianceSecurityControlId: [s('EQUALS', 'IAM.9'), s('PREFIX', 'EC2')] }, 'a,b,c'],
    ['different fields are AND-ed', { ComplianceStatus: [s('EQUALS', 'FAILED')], SeverityLabel: [s('EQUALS', 'HIGH')] }, 'b'],
    ['PREFIX on a list field matches any value', { Type: [s('PREFIX', 'Effects')] }, 'b'],
    ['PREFIX, then NOT_EQUALS excludes', { Type: [s('PREFIX', 'Software and Configuration Checks'), s('NOT_EQUALS', 'Software and Configuration Checks')] }, 'a,b,c'],
    ['PREFIX, then PREFIX_NOT_EQUALS excludes', { Type: [s('PREFIX', 'Software'), s('PREFIX_NOT_EQUALS', 'Software and Configuration Checks/Industry')] }, 'd'],
    ['negative comparisons on one field are AND-ed', { Title: [s('NOT_EQUALS', 'Root user has no MFA'), s('NOT_EQUALS', 'EBS default encryption')] }, 'b,d'],
    ['NOT_EQUALS with PREFIX_NOT_EQUALS (both negative) is AND-ed', { Title: [s('NOT_EQUALS', 'Root user has no MFA'), s('PREFIX_NOT_EQUALS', 'Default')] }, 'c,d'],
    ['PREFIX_NOT_EQUALS', { Title: [s('PREFIX_NOT_EQUALS', 'Default')] }, 'a,c,d'],
    ['CONTAINS is OR-ed', { Title: [s('CONTAINS', 'MFA'), s('CONTAINS', 'security')] }, 'a,b'],
    ['NOT_CONTAINS is AND-ed', { Title: [s('NOT_CONTAINS', 'MFA'), s('NOT_CONTAINS', 'EBS')] }, 'b,d'],
    ['a resource key matches when any resource does', { ResourceType: [s('EQUALS', 'AwsEc2Instance')] }, 'b'],
    ['each resource key may match a different resource', { ResourceType: [s('EQUALS', 'AwsEc2SecurityGroup')], ResourceId: [s('EQUALS', 'i-1')] }, 'b'],
    ['a negative resource condition excludes a finding when any resource matches', { ResourceType: [s('NOT_EQUALS', 'AwsAccount')] }, 'b,d'],
    ['RecordState defaults to ACTIVE', { RecordState: [s('EQUALS', 'ACTIVE')] }, 'a,b,d'],
    ['WorkflowStatus defaults to NEW', { WorkflowStatus: [s('EQUALS', 'NEW'), s('EQUALS', 'NOTIFIED')] }, 'a,b,d'],
    ['Region comes from the ProductArn when not set', { Region: [s('EQUALS', 'eu-west-1')] }, 'c'],
    ['a missing field fails EQUALS', { ComplianceStatus: [s('EQUALS', 'PASSED')] }, 'c'],
    ['a missing field passes NOT_EQUALS', { ComplianceStatus: [s('NOT_EQUALS', 'PASSED')] }, 'a,b,d'],
    ['GeneratorId PREFIX', { GeneratorId: [s('PREFIX', 'hubcheck/')] }, 'a,b,c'],
    ['FindingProviderFields severity defaults to the top level', { FindingProviderFieldsSeverityLabel: [s('EQUALS', 'LOW')] }, 'd'],
    ['ProductArn EQUALS', { ProductArn: [s('EQUALS', ARN_US)] }, 'a,b,d'],
    ['DateRange WITHIN days', { UpdatedAt: [{ DateRange: { Value: 1, Unit: 'DAYS' } }] }, 'b,d'],
    ['DateRange WITHIN, explicit', { UpdatedAt: [{ DateRange: { Value: 10, Unit: 'DAYS', Comparison: 'WITHIN' } }] }, 'a,b,d'],
    ['DateRange OLDER_THAN days', { UpdatedAt: [{ DateRange: { Value: 30, Unit: 'DAYS', Comparison: 'OLDER_THAN' } }] }, 'c'],
    ['Start and End are inclusive', { CreatedAt: [{ Start: '2026-11-01T00:00:00Z', End: '2026-11-27T10:00:00Z' }] }, 'a,d'],
    ['Start alone', { CreatedAt: [{ Start: '2026-11-27T10:30:00+00:00' }] }, 'b'],
    ['End alone', { CreatedAt: [{ End: '2026-10-01T00:00:00Z' }] }, 'c'],
    ['several date filters on one field are OR-ed', { UpdatedAt: [{ DateRange: { Value: 30, Unit: 'DAYS', Comparison: 'OLDER_THAN' } }, { DateRange: { Value: 1, Unit: 'DAYS' } }] }, 'b,c,d'],
    ['NumberFilter Gte (Normalized from the label)', { SeverityNormalized: [{ Gte: 70 }] }, 'a,b'],
    ['NumberFilter Gt', { SeverityNormalized: [{ Gt: 70 }] }, 'a'],
    ['NumberFilter Lt', { SeverityNormalized: [{ Lt: 40 }] }, 'c,d'],
    ['NumberFilter Eq', { SeverityNormalized: [{ Eq: 40 }] }, ''],
    ['NumberFilter bounds are AND-ed', { SeverityNormalized: [{ Gte: 1, Lte: 70 }] }, 'b,d'],
    ['NumberFilters on one field are OR-ed', { SeverityNormalized: [{ Eq: 0 }, { Eq: 90 }] }, 'a,c'],
    ['NumberFilter on a missing field', { Confidence: [{ Gte: 50 }] }, 'b'],
    ['MapFilter EQUALS', { ProductFields: [m('EQUALS', 'hubcheck/RuleId', 'iam-root-mfa-enabled')] }, 'a'],
    ['MapFilter NOT_EQUALS (a missing key passes)', { ProductFields: [m('NOT_EQUALS', 'hubcheck/RuleId', 'iam-root-mfa-enabled')] }, 'b,c,d'],
    ['MapFilter EQUALS is OR-ed', { ResourceTags: [m('EQUALS', 'env', 'prod'), m('EQUALS', 'env', 'dev')] }, 'b,d'],
    ['MapFilter NOT_EQUALS is AND-ed', { ResourceTags: [m('NOT_EQUALS', 'env', 'prod'), m('NOT_EQUALS', 'env', 'dev')] }, 'a,c'],
    ['MapFilter CONTAINS', { ProductFields: [m('CONTAINS', 'team', 'security')] }, 'c'],
    ['BooleanFilter true', { Sample: [{ Value: true }] }, 'b'],
    ['BooleanFilter false (Sample defaults to false)', { Sample: [{ Value: false }] }, 'a,c,d'],
    ['KeywordFilter', { Keyword: [{ Value: 'sg-1' }] }, 'b'],
    ['IpFilter inside the CIDR', { ResourceAwsEc2InstanceIpV4Addresses: [{ Cidr: '10.0.0.0/24' }] }, 'b'],
    ['IpFilter outside the CIDR', { ResourceAwsEc2InstanceIpV4Addresses: [{ Cidr: '10.0.1.0/24' }] }, ''],
    ['resource details', { ResourceAwsEc2InstanceImageId: [s('EQUALS', 'ami-1')] }, 'b'],
  ])('%s', (_name, filters, expected) => {
    expect(ids(filters)).toBe(expected);
  });

  it('flags CONTAINS / NOT_CONTAINS locally as automation-rule comparisons, and refuses them for the service', () => {
    const filters = { Title: [s('CONTAINS', 'MFA')] };
    expect(compileFilters(filters, { now }).warnings).toEqual([expect.stringMatching(/^Title\[0\]: CONTAINS is documented for automation rules only/)]);
    expect(() => compileFilters(filters, { forService: true })).toThrow(/hubcheck does not send it/);
    expect(compileFilters({ Title: [s('EQUALS', 'x')] }).warnings).toEqual([]);
  });

  it('compares IPv6 ranges too', () => {
    const v6 = { ...SAMPLE[0]!, Network: { SourceIpV6: '2001:db8::17' } } as AwsSecurityFinding;
    expect(filterFindings([v6], { NetworkSourceIpV6: [{ Cidr: '2001:db8::/32' }] })).toHaveLength(1);
    expect(filterFindings([v6], { NetworkSourceIpV6: [{ Cidr: '2001:db9::/32' }] })).toHaveLength(0);
    expect(filterFindings([v6], { NetworkSourceIpV4: [{ Cidr: '0.0.0.0/0' }] })).toHaveLength(0);
  });
});

describe('filters: rejected', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => s('EQUALS', `v${i}`));
  it.each<[string, unknown, RegExp]>([
    ['CONTAINS with NOT_CONTAINS', { Title: [s('CONTAINS', 'a'), s('NOT_CONTAINS', 'b')] }, /^Title: CONTAINS cannot be combined with NOT_CONTAINS on the same field$/],
    ['EQUALS with NOT_EQUALS', { Title: [s('EQUALS', 'a'), s('NOT_EQUALS', 'b')] }, /^Title: EQUALS cannot be combined with NOT_EQUALS/],
    ['EQUALS with PREFIX_NOT_EQUALS', { Title: [s('EQUALS', 'a'), s('PREFIX_NOT_EQUALS', 'b')] }, /^Title: EQUALS cannot be combined with PREFIX_NOT_EQUALS/],
    ['CONTAINS with EQUALS', { Title: [s('CONTAINS', 'a'), s('EQUALS', 'b')] }, /^Title: CONTAINS can only be combined with other CONTAINS filters on the same field \(found EQUALS\)$/],
    ['CONTAINS with PREFIX', { Title: [s('PREFIX', 'a'), s('CONTAINS', 'b')] }, /CONTAINS can only be combined with other CONTAINS filters .*found PREFIX/],
    ['CONTAINS with NOT_EQUALS', { Title: [s('CONTAINS', 'a'), s('NOT_EQUALS', 'b')] }, /CONTAINS can only be combined with other CONTAINS filters .*found NOT_EQUALS/],
    ['CONTAINS with PREFIX_NOT_EQUALS', { Title: [s('CONTAINS', 'a'), s('PREFIX_NOT_EQUALS', 'b')] }, /CONTAINS can only be combined/],
    ['NOT_CONTAINS with NOT_EQUALS', { Title: [s('NOT_CONTAINS', 'a'), s('NOT_EQUALS', 'b')] }, /NOT_CONTAINS can only be combined with other NOT_CONTAINS filters .*found NOT_EQUALS/],
    ['NOT_CONTAINS with PREFIX', { Title: [s('NOT_CONTAINS', 'a'), s('PREFIX', 'b')] }, /NOT_CONTAINS can only be combined/],
    ['NOT_CONTAINS with EQUALS', { Title: [s('NOT_CONTAINS', 'a'), s('EQUALS', 'b')] }, /NOT_CONTAINS can only be combined/],
    ['NOT_CONTAINS with PREFIX_NOT_EQUALS', { Title: [s('NOT_CONTAINS', 'a'), s('PREFIX_NOT_EQUALS', 'b')] }, /NOT_CONTAINS can only be combined/],
    ['MapFilter EQUALS with NOT_EQUALS', { ResourceTags: [m('EQUALS', 'env', 'prod'), m('NOT_EQUALS', 'team', 'x')] }, /^ResourceTags: EQUALS cannot be combined with NOT_EQUALS/],
    ['MapFilter CONTAINS with NOT_CONTAINS', { ProductFields: [m('CONTAINS', 'k', 'a'), m('NOT_CONTAINS', 'k', 'b')] }, /^ProductFields: CONTAINS cannot be combined with NOT_CONTAINS/],
    ['MapFilter CONTAINS with EQUALS', { ProductFields: [m('CONTAINS', 'k', 'a'), m('EQUALS', 'k', 'b')] }, /^ProductFields: CONTAINS can only be combined/],
    ['MapFilter PREFIX (not a map comparison)', { ProductFields: [m('PREFIX', 'k', 'a')] }, /must be one of EQUALS, NOT_EQUALS, CONTAINS, NOT_CONTAINS/],
    ['CONTAINS_WORD (OCSF only)', { Title: [s('CONTAINS_WORD', 'a')] }, /CONTAINS_WORD belongs to the OCSF \(V2\) APIs/],
    ['an unknown comparison', { Title: [s('LIKE', 'a')] }, /^Title\[0\]\.Comparison: must be one of EQUALS, PREFIX/],
    ['a missing comparison', { Title: [{ Value: 'a' }] }, /^Title\[0\]\.Comparison: must be one of/],
    ['an empty value', { Title: [s('EQUALS', '')] }, /^Title\[0\]\.Value: must be a non-empty string$/],
    ['a misspelt key', { SeverityLable: [s('EQUALS', 'HIGH')] }, /^unknown filter key SeverityLable; did you mean SeverityLabel\?$/],
    ['an unknown key', { Colour: [s('EQUALS', 'blue')] }, /^unknown filter key Colour$/],
    ['more than 10 attributes', Object.fromEntries(['Id', 'Title', 'Description', 'GeneratorId', 'ProductArn', 'AwsAccountId', 'Region', 'Type', 'SeverityLabel', 'ResourceId', 'ResourceType'].map((k) => [k, [s('EQUALS', 'x')]])), /at most 10 filter attributes are allowed \(found 11/],
    ['more than 20 values', { Id: many(21) }, /^Id: at most 20 values are allowed per attribute \(found 21\)$/],
    ['an empty list', { Id: [] }, /^Id: must be a non-empty array/],
    ['not a list', { Id: s('EQUALS', 'x') }, /^Id: must be a non-empty array/],
    ['DateRange.Value as a string', { UpdatedAt: [{ DateRange: { Value: '7', Unit: 'DAYS' } }] }, /DateRange\.Value: must be a non-negative number, not "7"/],
    ['DateRange in hours', { UpdatedAt: [{ DateRange: { Value: 7, Unit: 'HOURS' } }] }, /DateRange\.Unit: must be DAYS/],
    ['DateRange comparison', { UpdatedAt: [{ DateRange: { Value: 7, Unit: 'DAYS', Comparison: 'NEWER_THAN' } }] }, /must be WITHIN or OLDER_THAN/],
    ['DateRange with Start', { UpdatedAt: [{ Start: '2026-01-01T00:00:00Z', DateRange: { Value: 7, Unit: 'DAYS' } }] }, /either Start\/End or DateRange, not both/],
    ['an empty DateFilter', { UpdatedAt: [{}] }, /needs Start, End or DateRange/],
    ['a bad Start', { UpdatedAt: [{ Start: 'yesterday' }] }, /UpdatedAt\[0\]\.Start: must be an RFC 3339 timestamp/],
    ['Start after End', { UpdatedAt: [{ Start: '2026-02-01T00:00:00Z', End: '2026-01-01T00:00:00Z' }] }, /Start is after End/],
    ['an empty NumberFilter', { Confidence: [{}] }, /needs at least one of Gte, Lte, Eq, Gt, Lt/],
    ['a NumberFilter bound as a string', { Confidence: [{ Gte: '5' }] }, /Confidence\[0\]\.Gte: must be a number/],
    ['a BooleanFilter value as a string', { Sample: [{ Value: 'true' }] }, /Sample\[0\]\.Value: must be true or false/],
    ['a bad CIDR', { NetworkSourceIpV4: [{ Cidr: '10.0.0.0/33' }] }, /is not a CIDR block/],
    ['filters that are not an object', [s('EQUALS', 'x')], /filters must be a JSON object/],
  ])('%s', (_name, filters, message) => {
    expect(() => compileFilters(filters, { now })).toThrow(FilterError);
    expect(() => compileFilters(filters, { now })).toThrow(message);
  });
});

describe('filters: coverage of the API model', () => {
  it('evaluates every key of AwsSecurityFindingFilters in the SDK\'s model, with its filter type', () => {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('@aws-sdk/client-securityhub/package.json'));
    const models = ['models_0', 'models_1', 'models_2', 'models_3']
      .map((m) => {
        try {
          return readFileSync(path.join(dir, 'dist-types/models', `${m}.d.ts`), 'utf8');
        } catch {
          return '';
        }
      })
      .join('\n');
    const body = /export interface AwsSecurityFindingFilters \{([\s\S]*?)\n\}/.exec(models)?.[1] ?? '';
    const keys = [...body.matchAll(/^\s+(\w+)\?: (\w+)Filter\[\]/gm)].map(([, key, type]) => [key, type!.toLowerCase()]);
    expect(keys.length).toBeGreaterThan(100);
    const kinds: Record<string, string> = { string: 'string', date: 'date', number: 'number', map: 'map', boolean: 'boolean', keyword: 'keyword', ip: 'ip' };
    expect(Object.fromEntries(keys.map(([k, t]) => [k, kinds[t!]]))).toEqual(
      Object.fromEntries(Object.entries(FILTER_FIELDS).map(([k, spec]) => [k, spec.kind])),
    );
  });
});
