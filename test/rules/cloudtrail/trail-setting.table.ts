/**
 * The one test table of the trail-setting rules (CloudTrail.2, .4 and .5,
 * rules/lib/trail-settings.ts): each own trail judged once, in its home Region,
 * on the setting the rule names. Each rule's test file calls
 * `testRule(rule, trailSettingCases({ ... }))`.
 */
import { expect } from 'vitest';
import { denied } from '../../helpers/fixture-source.js';
import type { RuleRun } from '../../helpers/rule-harness.js';
import type { RuleCases } from '../../helpers/rule-tester.js';
import { ACCOUNT, OTHER_ACCOUNT, trail, trailListFixture, type TrailOptions } from '../trail-fixtures.js';

export interface TrailSettingCases {
  /** Trail options that turn the setting on (off is the trail() default). */
  on: TrailOptions;
  passedCode: string;
  failedCode: string;
  /** The evidence of a trail with the setting on, and off. */
  onEvidence: Record<string, unknown>;
  offEvidence: Record<string, unknown>;
  /** The reason of a trail named `name` with the setting off. */
  offReason: (name: string) => string;
  /** Further assertions on the run of the mixed case. */
  check?: (run: RuleRun) => void;
}

const arn = (name: string, home = 'us-east-1', account = ACCOUNT) => `arn:aws:cloudtrail:${home}:${account}:trail/${name}`;

export function trailSettingCases(c: TrailSettingCases): RuleCases {
  const mixed = [
    trail('good', c.on),
    trail('bad', { home: 'eu-west-1' }),
    trail('regional', { ...c.on, multiRegion: false, home: 'eu-west-1' }),
    trail('org', { ...c.on, account: OTHER_ACCOUNT }),
    trail('elsewhere', { ...c.on, home: 'ap-south-1' }),
  ];
  return {
    passed: [
      {
        name: "each of the account's own trails once, in its home Region (not another account's, not one homed outside the scan)",
        fixture: trailListFixture(mixed),
        options: { regions: ['us-east-1', 'eu-west-1'] },
        results: [
          { resource: arn('good'), region: 'us-east-1', reasonCode: c.passedCode, evidence: c.onEvidence },
          { resource: arn('regional', 'eu-west-1'), region: 'eu-west-1', reasonCode: c.passedCode },
          { resource: arn('bad', 'eu-west-1'), region: 'eu-west-1', status: 'FAILED', reasonCode: c.failedCode, reason: c.offReason('bad'), evidence: c.offEvidence },
        ],
        check: (run) => {
          const good = run.findings.find((f) => f.Resources?.[0]?.Id === arn('good'));
          expect(good?.Resources?.[0]).toMatchObject({ Type: 'AwsCloudTrailTrail', Region: 'us-east-1' });
          expect(good?.Resources?.[0]?.Details?.AwsCloudTrailTrail).toMatchObject({ HomeRegion: 'us-east-1' });
          c.check?.(run);
        },
      },
    ],
    failed: [
      {
        name: 'a trail with the setting off',
        fixture: trailListFixture([trail('silent', { multiRegion: false })]),
        results: { resource: arn('silent'), region: 'us-east-1', reasonCode: c.failedCode, reason: c.offReason('silent'), evidence: c.offEvidence },
      },
    ],
    notAvailable: [
      {
        name: 'the trails cannot be listed',
        fixture: { 'cloudtrail.trails': denied('cloudtrail:DescribeTrails') },
        results: { reasonCode: 'ACCESS_DENIED', action: 'cloudtrail:DescribeTrails', reason: 'Missing permission cloudtrail:DescribeTrails (AccessDenied)' },
      },
    ],
  };
}
