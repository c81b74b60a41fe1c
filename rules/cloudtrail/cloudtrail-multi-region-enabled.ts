import { accountResource, defineRule, fail, pass, unavailable } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
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
  remediation: withSteps('cloudtrail-multi-region-enabled', securityHubRemediation(
    'CloudTrail.1',
    'Create a multi-Region trail (or make an existing trail multi-Region), start logging, and give it an event selector for all read and write management events.',
  ), {
    change: 'Create a multi-Region trail (or make an existing one multi-Region) in the home Region, start logging, and log all read and write management events. Its bucket needs a policy that lets CloudTrail write.',
    cli: [
      'aws cloudtrail create-trail --region {{region}} --name {{trailName}} --s3-bucket-name {{trailBucket}} --is-multi-region-trail --include-global-service-events --enable-log-file-validation',
      'aws cloudtrail put-event-selectors --region {{region}} --trail-name {{trailName}} --event-selectors ReadWriteType=All,IncludeManagementEvents=true',
      'aws cloudtrail start-logging --region {{region}} --name {{trailName}}',
    ],
    cloudformation: `CloudTrail:
  Type: AWS::CloudTrail::Trail
  Properties:
    TrailName: "{{trailName}}"
    S3BucketName: "{{trailBucket}}"
    IsLogging: true
    IsMultiRegionTrail: true
    IncludeGlobalServiceEvents: true
    EnableLogFileValidation: true
    EventSelectors:
      - ReadWriteType: All
        IncludeManagementEvents: true
`,
    terraform: `resource "aws_cloudtrail" "main" {
  name                          = "{{trailName}}"
  s3_bucket_name                = "{{trailBucket}}"
  enable_logging                = true
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true

  event_selector {
    read_write_type           = "All"
    include_management_events = true
  }
}
`,
    inputs: {
      trailName: { default: 'management-events', means: 'The trail to create.' },
      trailBucket: { default: 'cloudtrail-{{account}}', means: 'An S3 bucket whose policy lets CloudTrail write.' },
    },
  }),
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
