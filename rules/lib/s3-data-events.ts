/**
 * S3.22 and S3.23: one implementation, the access kind (`write` or `read`) as
 * the rule's parameter. PASS when a multi-Region, logging trail records S3
 * object-level data events of that kind for all current and future buckets.
 */
import { accountResource, fail, pass, unavailable, type ReasonCodes, type RuleContext, type RuleResult, type RemediationSteps } from '../../src/engine/rule.js';
import { describeShortfalls, judgeTrails, s3DataEvents, trailHomeRegion } from './trails.js';

export type S3DataEventParams = { access: string };

/** The reason codes of S3.22 and S3.23. */
export const S3_DATA_EVENT_REASON_CODES = {
  S3_DATA_EVENTS_LOGGED: 'A multi-Region, logging trail records S3 object-level data events of the access kind for all buckets.',
  S3_DATA_EVENTS_NOT_LOGGED: 'No multi-Region, logging trail records those events for all buckets (the reason says why each trail falls short).',
} as const satisfies ReasonCodes;

export async function evaluateS3DataEvents(ctx: RuleContext<S3DataEventParams>): Promise<RuleResult[]> {
  const access = ctx.params.access;
  if (access !== 'read' && access !== 'write') throw new Error(`parameter access must be 'read' or 'write', not '${access}'`);
  const resource = accountResource(ctx.account, ctx.region);
  const verdicts = await judgeTrails(ctx, await ctx.data.cloudtrail.trails(), s3DataEvents(access));
  const qualifying = verdicts.find((v) => v.qualifies);
  if (qualifying) {
    const { trail } = qualifying;
    return [
      pass(resource, `Multi-Region trail ${trail.Name} logs S3 object-level ${access} events for all buckets.`, {
        reasonCode: 'S3_DATA_EVENTS_LOGGED',
        evidence: { trailArn: trail.TrailARN ?? null, trailHomeRegion: trailHomeRegion(trail) },
      }),
    ];
  }
  const unknown = verdicts.find((v) => v.unavailable);
  if (unknown?.unavailable) return [unavailable(resource, unknown.unavailable)];
  return [
    fail(resource, `No multi-Region, logging trail records S3 object-level ${access} events for all buckets (${describeShortfalls(verdicts)}).`, {
      reasonCode: 'S3_DATA_EVENTS_NOT_LOGGED',
      evidence: { trails: verdicts.length },
    }),
  ];
}

export const S3_DATA_EVENT_ACTIONS = ['cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors'] as const;

/** The fix of both S3 data-event rules: one selector that logs reads and writes, so fixing one rule never undoes the other. */
export const S3_DATA_EVENTS_STEPS: RemediationSteps = {
  change: 'Log S3 object-level data events, read and write (ReadWriteType All, which both rules accept), for all current and future buckets on a multi-Region trail (in its home Region). This replaces the trail\'s event selectors: the command keeps management events.',
  cli: [
    "aws cloudtrail put-event-selectors --region {{region}} --trail-name {{trailName}} --event-selectors '[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true,\"DataResources\":[{\"Type\":\"AWS::S3::Object\",\"Values\":[\"arn:{{partition}}:s3\"]}]}]'",
  ],
  cloudformation: `# On the existing multi-Region AWS::CloudTrail::Trail; the other properties stay as they are.
CloudTrail:
  Type: AWS::CloudTrail::Trail
  Properties:
    TrailName: "{{trailName}}"
    S3BucketName: "{{trailBucket}}"
    IsLogging: true
    IsMultiRegionTrail: true
    EventSelectors:
      - ReadWriteType: All
        IncludeManagementEvents: true
        DataResources:
          - Type: AWS::S3::Object
            Values:
              - "arn:{{partition}}:s3"
`,
  terraform: `# On the existing multi-Region aws_cloudtrail; the other arguments stay as they are.
resource "aws_cloudtrail" "main" {
  name                  = "{{trailName}}"
  s3_bucket_name        = "{{trailBucket}}"
  is_multi_region_trail = true

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:{{partition}}:s3"]
    }
  }
}
`,
  inputs: {
    trailName: { default: 'management-events', means: 'A multi-Region trail in the home Region.' },
    trailBucket: { default: 'cloudtrail-{{account}}', means: "The trail's S3 bucket (unchanged)." },
  },
};
