/**
 * The CloudWatch Logs filter-pattern parser and the coverage decision, table
 * driven from the fifteen real CIS patterns: equivalent spellings must cover
 * (and most are exact), near misses must not.
 */
import { describe, expect, it } from 'vitest';
import { builtInRules } from '../../../rules/index.js';
import {
  FilterPatternError,
  MAX_CONJUNCTIONS,
  canonicalPattern,
  coverage,
  covers,
  parseFilterPattern,
  textMatch,
} from '../../../rules/lib/metric-filter-pattern.js';

/** The CIS pattern of each metric-filter rule, by rule id. */
const CIS: Record<string, string> = Object.fromEntries(
  builtInRules.filter((r) => typeof r.params.filterPattern === 'string').map((r) => [r.id, r.params.filterPattern as string]),
);
const cis = (id: string): string => {
  const pattern = CIS[`cloudwatch-${id}-alarm`];
  if (!pattern) throw new Error(`no CIS pattern for ${id}`);
  return pattern;
};

describe('the fifteen CIS patterns', () => {
  it('are all present', () => {
    expect(Object.keys(CIS)).toHaveLength(15);
  });

  it.each(Object.entries(CIS))('%s parses and covers itself exactly', (_id, pattern) => {
    expect(() => parseFilterPattern(pattern)).not.toThrow();
    expect(coverage(pattern, pattern)).toEqual({ covers: true, exactMatch: true });
    expect(textMatch(pattern, pattern)).toBe(true);
  });
});

interface Case {
  name: string;
  reference: string;
  filter: string;
  covers: boolean;
  /** Only for covering filters: the same canonical form as the reference. */
  exact?: boolean;
}

const EQUIVALENT: Case[] = [
  {
    name: 'root usage, parenthesised and spaced',
    reference: cis('root-usage'),
    filter: '{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != "AwsServiceEvent") }',
    covers: true,
    exact: true,
  },
  {
    name: 'root usage, terms reordered, keywords in lower case, values unquoted',
    reference: cis('root-usage'),
    filter: '{$.eventType!=AwsServiceEvent&&$.userIdentity.invokedBy not exists&&$.userIdentity.type=Root}',
    covers: true,
    exact: true,
  },
  {
    name: 'unauthorized API calls, branches swapped, wildcards unquoted',
    reference: cis('unauthorized-api-calls'),
    filter: '{ ($.errorCode = AccessDenied*) || ($.errorCode = *UnauthorizedOperation) }',
    covers: true,
    exact: true,
  },
  {
    name: 'console sign-in without MFA, the CIS two-term variant (broader)',
    reference: cis('console-login-no-mfa'),
    filter: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
    covers: true,
    exact: false,
  },
  {
    name: 'IAM policy changes, quoted names in reverse order without parentheses',
    reference: cis('iam-policy-changes'),
    filter:
      '{ $.eventName = "DetachGroupPolicy" || $.eventName = "AttachGroupPolicy" || $.eventName = "DetachUserPolicy" || $.eventName = "AttachUserPolicy" || $.eventName = "DetachRolePolicy" || $.eventName = "AttachRolePolicy" || $.eventName = "DeletePolicyVersion" || $.eventName = "CreatePolicyVersion" || $.eventName = "DeletePolicy" || $.eventName = "CreatePolicy" || $.eventName = "PutUserPolicy" || $.eventName = "PutRolePolicy" || $.eventName = "PutGroupPolicy" || $.eventName = "DeleteUserPolicy" || $.eventName = "DeleteRolePolicy" || $.eventName = "DeleteGroupPolicy" }',
    covers: true,
    exact: true,
  },
  {
    name: 'CloudTrail changes, redundant nested parentheses',
    reference: cis('cloudtrail-changes'),
    filter: '{((($.eventName=CreateTrail))) || (($.eventName=UpdateTrail) || ($.eventName=DeleteTrail)) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}',
    covers: true,
    exact: true,
  },
  {
    name: 'KMS key deletion, the && distributed over the ||',
    reference: cis('kms-key-disable-delete'),
    filter: '{ ($.eventSource = kms.amazonaws.com && $.eventName = DisableKey) || ($.eventSource = kms.amazonaws.com && $.eventName = ScheduleKeyDeletion) }',
    covers: true,
    exact: true,
  },
  {
    name: 'KMS key deletion without parentheses: && binds tighter, so the filter is broader',
    reference: cis('kms-key-disable-delete'),
    filter: '{ $.eventSource = kms.amazonaws.com && $.eventName = DisableKey || $.eventName = ScheduleKeyDeletion }',
    covers: true,
    exact: false,
  },
  {
    name: 'S3 bucket policy changes, the event source quoted',
    reference: cis('s3-bucket-policy-changes'),
    filter: cis('s3-bucket-policy-changes').replace('$.eventSource=s3.amazonaws.com', '$.eventSource = "s3.amazonaws.com"'),
    covers: true,
    exact: true,
  },
  {
    name: 'security group changes plus one more event (broader)',
    reference: cis('security-group-changes'),
    filter: cis('security-group-changes').replace('}', ' || ($.eventName=ModifySecurityGroupRules)}'),
    covers: true,
    exact: false,
  },
  {
    name: 'VPC changes spread over lines and tabs',
    reference: cis('vpc-changes'),
    filter: cis('vpc-changes').replaceAll(' || ', '\n\t||\n  ').replace('{', '{\n  ').replace(/}$/, '\n}'),
    covers: true,
    exact: true,
  },
  {
    name: 'route table changes with a term repeated',
    reference: cis('route-table-changes'),
    filter: cis('route-table-changes').replace('}', ' || ($.eventName = CreateRoute)}'),
    covers: true,
    exact: true,
  },
  {
    name: 'Organizations changes, the event source quoted (the AWS remediation text)',
    reference: cis('organizations-changes'),
    filter: cis('organizations-changes').replace('organizations.amazonaws.com', '"organizations.amazonaws.com"'),
    covers: true,
    exact: true,
  },
  {
    name: "Organizations changes, prowler's 21-event list (broader)",
    reference: cis('organizations-changes'),
    filter: cis('organizations-changes').replace(
      '($.eventName = "AcceptHandshake")',
      '($.eventName = "AcceptHandshake") || ($.eventName = "CancelHandshake") || ($.eventName = "CreateOrganization") || ($.eventName = "EnableAllFeatures")',
    ),
    covers: true,
    exact: false,
  },
  {
    name: 'console auth failures without the event-name term (broader)',
    reference: cis('console-auth-failures'),
    filter: '{ ($.errorMessage = "Failed authentication") }',
    covers: true,
    exact: false,
  },
];

const NEAR_MISSES: Case[] = [
  {
    name: 'root usage with an extra && term',
    reference: cis('root-usage'),
    filter: cis('root-usage').replace('}', ' && $.sourceIPAddress != "10.0.0.1"}'),
    covers: false,
  },
  { name: 'root usage, "root" in lower case', reference: cis('root-usage'), filter: cis('root-usage').replace('"Root"', '"root"'), covers: false },
  { name: 'root usage, EXISTS for NOT EXISTS', reference: cis('root-usage'), filter: cis('root-usage').replace('NOT EXISTS', 'EXISTS'), covers: false },
  {
    name: 'root usage, another property path',
    reference: cis('root-usage'),
    filter: cis('root-usage').replace('$.userIdentity.type', '$.userIdentity.Type'),
    covers: false,
  },
  {
    name: 'unauthorized API calls without the AccessDenied branch',
    reference: cis('unauthorized-api-calls'),
    filter: '{($.errorCode="*UnauthorizedOperation")}',
    covers: false,
  },
  {
    name: 'unauthorized API calls, the wildcard dropped',
    reference: cis('unauthorized-api-calls'),
    filter: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied")}',
    covers: false,
  },
  {
    name: 'console sign-in, != turned into =',
    reference: cis('console-login-no-mfa'),
    filter: cis('console-login-no-mfa').replace('!= "Yes"', '= "Yes"'),
    covers: false,
  },
  {
    name: 'IAM policy changes missing DetachGroupPolicy',
    reference: cis('iam-policy-changes'),
    filter: cis('iam-policy-changes').replace(' || ($.eventName=DetachGroupPolicy)', ''),
    covers: false,
  },
  {
    name: 'console auth failures with an extra && term',
    reference: cis('console-auth-failures'),
    filter: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication") && ($.userIdentity.type="IAMUser")}',
    covers: false,
  },
  {
    name: 'KMS key deletion missing ScheduleKeyDeletion',
    reference: cis('kms-key-disable-delete'),
    filter: '{($.eventSource=kms.amazonaws.com) && ($.eventName=DisableKey)}',
    covers: false,
  },
  {
    name: 'S3 bucket policy changes on the wrong event source',
    reference: cis('s3-bucket-policy-changes'),
    filter: cis('s3-bucket-policy-changes').replace('s3.amazonaws.com', 'ec2.amazonaws.com'),
    covers: false,
  },
  {
    name: 'Config changes missing PutConfigurationRecorder',
    reference: cis('config-changes'),
    filter: cis('config-changes').replace(' || ($.eventName=PutConfigurationRecorder)', ''),
    covers: false,
  },
  { name: 'NACL changes, an event name in the wrong case', reference: cis('nacl-changes'), filter: cis('nacl-changes').replace('=CreateNetworkAcl)', '=createNetworkAcl)'), covers: false },
  {
    name: 'network gateway changes with every branch narrowed by an && term',
    reference: cis('network-gateway-changes'),
    filter: `{ (${cis('network-gateway-changes').slice(1, -1)}) && ($.awsRegion = "us-east-1") }`,
    covers: false,
  },
  {
    // Broader in fact (a wildcard), but coverage is judged on terms: a conservative FAILED.
    name: 'route table changes with a wildcard instead of the exact name',
    reference: cis('route-table-changes'),
    filter: cis('route-table-changes').replace('($.eventName=CreateRoute)', '($.eventName=CreateRoute*)'),
    covers: false,
  },
  {
    name: 'Organizations changes missing UpdateOrganizationalUnit',
    reference: cis('organizations-changes'),
    filter: cis('organizations-changes').replace(' || ($.eventName = "UpdateOrganizationalUnit")', ''),
    covers: false,
  },
  { name: 'a quoted number is not the number', reference: '{ $.errorCount = 1 }', filter: '{ $.errorCount = "1" }', covers: false },
];

describe('coverage of equivalent and broader filters', () => {
  it.each(EQUIVALENT)('$name', ({ reference, filter, covers: expected, exact }) => {
    expect(coverage(filter, reference)).toEqual({ covers: expected, exactMatch: exact });
  });
});

describe('near misses do not cover', () => {
  it.each(NEAR_MISSES)('$name', ({ reference, filter }) => {
    expect(covers(filter, reference)).toBe(false);
    expect(coverage(filter, reference).exactMatch).toBe(false);
  });
});

describe('parsing', () => {
  it('builds a tree with && tighter than ||', () => {
    expect(parseFilterPattern('{ $.a = 1 || $.b = x && $.c EXISTS }')).toEqual({
      type: 'or',
      items: [
        { type: 'atom', atom: { type: 'compare', selector: '$.a', op: '=', value: { kind: 'number', text: '1' } } },
        {
          type: 'and',
          items: [
            { type: 'atom', atom: { type: 'compare', selector: '$.b', op: '=', value: { kind: 'string', text: 'x' } } },
            { type: 'atom', atom: { type: 'exists', selector: '$.c', exists: true } },
          ],
        },
      ],
    });
  });

  it('canonicalises numbers, array indexes, IS literals, regular expressions and escaped quotes', () => {
    expect(canonicalPattern('{ $.latency >= 500.0 && $.items[ 0 ].ok is true && $.x = %Delete.*% && $.msg = "say \\"hi\\"" }')).toBe(
      '($.items[0].ok IS TRUE && $.latency >= 500 && $.msg = "say \\"hi\\"" && $.x = %Delete.*%)',
    );
    expect(coverage('{ $.n = 1.0 }', '{ $.n = 1 }')).toEqual({ covers: true, exactMatch: true });
    expect(coverage('{ $.a IS NULL || $.b[*] = -2 }', '{ $.b[*] = -2.0 || $.a IS NULL }').exactMatch).toBe(true);
  });

  it('absorbs a conjunction that contains another', () => {
    expect(canonicalPattern('{ $.a = x || ($.a = x && $.b = y) }')).toBe('($.a = "x")');
  });

  const MALFORMED: [string, RegExp][] = [
    ['ERROR', /not a JSON filter pattern/],
    ['', /not a JSON filter pattern/],
    ['{ $.a = 1', /expected "}", found the end of the pattern/],
    ['{}', /expected a property selector/],
    ['{ a = 1 }', /expected a property selector like \$\.eventName, found "a"/],
    ['{ $.a == 1 }', /expected a value after "="/],
    ['{ $.a = }', /expected a value after "=", found "}"/],
    ['{ $.a > "x" }', /">" compares numbers/],
    ['{ $.a = "open }', /unterminated quoted string/],
    ['{ $.a NOT THERE }', /expected EXISTS after NOT/],
    ['{ $.a IS MAYBE }', /expected TRUE, FALSE or NULL after IS/],
    ['{ ($.a = 1 }', /expected "\)", found "}"/],
    ['{ $.a = 1 } extra', /after the closing "}"/],
    ['{ $.a = 1 & $.b = 2 }', /unexpected "&"/],
    ['{ $. = 1 }', /expected a property name after "."/],
    ['{ $.a[x] = 1 }', /expected an array index/],
    ['{ $.a }', /expected a comparison/],
  ];
  it.each(MALFORMED)('refuses %j with a clear error', (pattern, message) => {
    let error: unknown;
    try {
      parseFilterPattern(pattern);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FilterPatternError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/at character \d+/);
  });

  it('refuses a pattern whose normal form would explode', () => {
    const clause = (n: number) => `(${Array.from({ length: 8 }, (_, i) => `$.f${n} = v${i}`).join(' || ')})`;
    const huge = `{ ${Array.from({ length: 5 }, (_, n) => clause(n)).join(' && ')} }`;
    expect(() => canonicalPattern(huge)).toThrow(new RegExp(`more than ${MAX_CONJUNCTIONS}`));
  });
});

describe("Security Hub's text comparison (evidence only)", () => {
  it('ignores whitespace outside quotes only', () => {
    const pattern = cis('console-auth-failures');
    expect(textMatch(pattern.replaceAll(' && ', '&&'), pattern.replace('{', '{\n  ').replace('}', ' }'))).toBe(true);
    expect(textMatch(pattern.replaceAll(' ', ''), pattern)).toBe(false); // "Failed authentication" lost its space
    expect(textMatch('{ $.a = "x y" }', '{$.a="xy"}')).toBe(false);
    expect(textMatch(cis('kms-key-disable-delete'), '{ ($.eventSource = kms.amazonaws.com && $.eventName = DisableKey) || ($.eventSource = kms.amazonaws.com && $.eventName = ScheduleKeyDeletion) }')).toBe(false);
  });
});
