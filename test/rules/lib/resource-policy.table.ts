/**
 * The case table shared by the 2.21 rules that list resources and read each
 * one's policy (SQS, Lambda, ECR, Secrets Manager): the same statuses and
 * reason codes, each rule with its own accessors, resource ids and actions.
 */
import { expect } from 'vitest';
import type { Json } from '../../../src/data/accessor.js';
import { resourcePolicy, type ResourcePolicy } from '../../../src/data/resource-policy.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import type { RuleCases } from '../../helpers/rule-tester.js';

export interface PolicyRuleSpec {
  /** Accessor ids: the list and the per-resource read. */
  list: string;
  read: string;
  listAction: string;
  readAction: string;
  noPolicyCode: string;
  /** What the list accessor answers for these names in a Region. */
  listed(names: string[], region: string): unknown;
  /** The finding's resource id for a name. */
  id(name: string, region?: string): string;
  /** The resource name from the read accessor's argument. */
  nameOf(arg: Json): string;
  /** Whether the read can answer "gone" (null); Lambda's cannot tell it from "no policy". */
  canBeGone: boolean;
}

type Answer = ResourcePolicy | null | ReturnType<typeof denied>;

const doc = (...statements: object[]) => resourcePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
const anyone = (extra: object = {}) => ({ Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', ...extra });
const sameAccount = { Condition: { StringEquals: { 'aws:SourceAccount': TEST_ACCOUNT } } };

export function resourcePolicyCases(spec: PolicyRuleSpec): RuleCases {
  const fixture = (byName: Record<string, Answer>) => ({
    [spec.list]: (_: unknown, region: string) => spec.listed(Object.keys(byName), region),
    [spec.read]: ([arg]: Json[]) => byName[spec.nameOf(arg!)],
  });
  return {
    passed: [
      {
        name: '"*" restricted to the account, a named account, no policy at all',
        fixture: fixture({
          restricted: doc(anyone(sameAccount)),
          named: doc(anyone({ Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` } })),
          bare: resourcePolicy(null),
          ...(spec.canBeGone ? { gone: null } : {}),
        }),
        results: [
          { resource: spec.id('restricted'), reasonCode: 'PUBLIC_PRINCIPAL_RESTRICTED' },
          { resource: spec.id('named'), reasonCode: 'NO_PUBLIC_PRINCIPAL' },
          { resource: spec.id('bare'), reasonCode: spec.noPolicyCode },
        ],
      },
      {
        name: 'reads each resource in the evaluated Region',
        fixture: { [spec.list]: (_: unknown, region: string) => spec.listed(['r'], region), [spec.read]: () => doc(anyone({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } })) },
        options: { regions: ['us-east-1', 'eu-west-1'] },
        results: [
          { resource: spec.id('r', 'eu-west-1'), region: 'eu-west-1', reasonCode: 'PUBLIC_PRINCIPAL_RESTRICTED' },
          { resource: spec.id('r'), region: 'us-east-1', reasonCode: 'PUBLIC_PRINCIPAL_RESTRICTED' },
        ],
        check: ({ source }) => expect(source.reads.filter((r) => r.id === spec.read).map((r) => r.region).sort()).toEqual(['eu-west-1', 'us-east-1']),
      },
    ],
    failed: [
      {
        name: '"*" with no condition, {"AWS": "*"} with a negated condition',
        fixture: fixture({
          open: doc(anyone()),
          negated: doc(anyone({ Principal: { AWS: '*' }, Condition: { StringNotEquals: { 'aws:SourceAccount': '111122223333' } } })),
        }),
        options: { benchmarks: ['7.0.0'] },
        results: [
          { resource: spec.id('open'), reasonCode: 'PUBLIC_PRINCIPAL_OPEN', reason: 'allows every principal with no restricting condition (statements Anyone)' },
          { resource: spec.id('negated'), reasonCode: 'PUBLIC_PRINCIPAL_OPEN' },
        ],
        check: ({ findings }) => {
          expect(findings.map((f) => f.Severity?.Label)).toEqual(['HIGH', 'HIGH']);
          for (const f of findings) expect(f.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v7.0.0/2.21']);
        },
      },
    ],
    notAvailable: [
      {
        name: 'the resources cannot be listed',
        fixture: { [spec.list]: denied(spec.listAction) },
        results: { resource: `AWS::::Account:${TEST_ACCOUNT}`, reasonCode: 'ACCESS_DENIED', action: spec.listAction },
      },
      {
        name: 'one policy denied, one unparseable; the others are judged',
        fixture: fixture({ locked: denied(spec.readAction), garbled: resourcePolicy('{'), fine: doc(anyone(sameAccount)) }),
        results: [
          { resource: spec.id('locked'), reasonCode: 'ACCESS_DENIED', action: spec.readAction, reason: `Missing permission ${spec.readAction}` },
          { resource: spec.id('garbled'), reasonCode: 'UNPARSEABLE_POLICY' },
          { status: 'PASSED', resource: spec.id('fine'), reasonCode: 'PUBLIC_PRINCIPAL_RESTRICTED' },
        ],
      },
    ],
  };
}
