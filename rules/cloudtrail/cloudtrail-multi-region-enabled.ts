import { accountResource, defineRule, fail, pass, unavailable } from '../../src/engine/rule.js';
import { securityHubRemediation } from '../lib/remediation.js';
import { allManagementEvents, describeShortfalls, judgeTrails, trailHomeRegion } from '../lib/trails.js';

export default defineRule({
  id: 'cloudtrail-multi-region-enabled',
  title: 'CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events',
  securityHubControlId: 'CloudTrail.1',
  severity: 'HIGH',
  cis: { '1.2.0': '2.1', '1.4.0': '3.1', '3.0.0': '3.1', '5.0.0': '3.1', '6.0.0': '4.1', '7.0.0': '4.1' },
  scope: 'region',
  resourceType: 'AwsAccount',
  requiredActions: ['cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors'],
  reasonCodes: {
    MULTI_REGION_TRAIL_PRESENT: 'PASSED: a multi-Region trail is logging all read and write management events.',
    CLOUDTRAIL_MULTI_REGION_NOT_PRESENT: 'FAILED: no multi-Region trail logs all read and write management events.',
  },
  remediation: securityHubRemediation(
    'CloudTrail.1',
    'Create a multi-Region trail (or make an existing trail multi-Region), start logging, and give it an event selector for all read and write management events.',
  ),
  async evaluate(ctx) {
    const resource = accountResource(ctx.account, ctx.region);
    const verdicts = await judgeTrails(ctx, await ctx.data.cloudtrail.trails(), allManagementEvents);
    const qualifying = verdicts.find((v) => v.qualifies);
    if (qualifying) {
      const { trail } = qualifying;
      return [
        pass(resource, `Multi-Region trail ${trail.Name} is logging all read and write management events.`, {
          reasonCode: 'MULTI_REGION_TRAIL_PRESENT',
          evidence: { trailArn: trail.TrailARN ?? null, trailHomeRegion: trailHomeRegion(trail), trails: verdicts.length },
        }),
      ];
    }
    const unknown = verdicts.find((v) => v.unavailable);
    if (unknown?.unavailable) return [unavailable(resource, unknown.unavailable)];
    return [
      fail(resource, `No multi-Region trail logs all read and write management events (${describeShortfalls(verdicts)}).`, {
        reasonCode: 'CLOUDTRAIL_MULTI_REGION_NOT_PRESENT',
        evidence: { trails: verdicts.length, multiRegionTrails: verdicts.filter((v) => v.trail.IsMultiRegionTrail).length },
      }),
    ];
  },
});
