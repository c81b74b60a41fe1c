import { defineRule } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { S3_DATA_EVENT_ACTIONS, S3_DATA_EVENT_REASON_CODES, evaluateS3DataEvents } from '../lib/s3-data-events.js';

export default defineRule({
  id: 's3-object-write-events-logged',
  title: 'S3 general purpose buckets should log object-level write events',
  securityHubControlId: 'S3.22',
  severity: 'MEDIUM',
  cis: { '3.0.0': '3.8', '5.0.0': '3.8', '6.0.0': '4.8', '7.0.0': '4.8' },
  cisExtra: { '1.4.0': '3.10' },
  scope: 'region',
  resourceType: 'AwsAccount',
  requiredActions: S3_DATA_EVENT_ACTIONS,
  reasonCodes: S3_DATA_EVENT_REASON_CODES,
  params: { access: 'write' },
  remediation: withSteps('s3-object-write-events-logged', securityHubRemediation(
    'S3.22',
    'Add an event selector to a multi-Region trail that logs S3 object-level data events (WriteOnly or All) for all current and future buckets.',
  ), {
    change: 'Log S3 object-level write data events for all current and future buckets on a multi-Region trail (in its home Region). This replaces the trail\'s event selectors: the command keeps management events.',
    cli: [
      "aws cloudtrail put-event-selectors --region {{region}} --trail-name {{trailName}} --event-selectors '[{\"ReadWriteType\":\"WriteOnly\",\"IncludeManagementEvents\":true,\"DataResources\":[{\"Type\":\"AWS::S3::Object\",\"Values\":[\"arn:{{partition}}:s3\"]}]}]'",
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
      - ReadWriteType: WriteOnly
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
    read_write_type           = "WriteOnly"
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
  }),
  evaluate: evaluateS3DataEvents,
});
