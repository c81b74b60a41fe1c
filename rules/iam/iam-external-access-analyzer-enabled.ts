import { accountResource, defineRule, fail, pass } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

/** Analyzer types that find external access; the `*_UNUSED_ACCESS` and `*_INTERNAL_ACCESS` types do not. */
const EXTERNAL_ACCESS_TYPES = new Set(['ACCOUNT', 'ORGANIZATION']);

export default defineRule({
  id: 'iam-external-access-analyzer-enabled',
  title: 'IAM Access Analyzer external access analyzer should be enabled',
  securityHubControlId: 'IAM.28',
  severity: 'HIGH',
  cis: { '3.0.0': '1.20', '5.0.0': '1.19', '6.0.0': '2.19', '7.0.0': '2.18' },
  cisExtra: { '1.4.0': '1.20' },
  scope: 'region',
  resourceType: 'AwsAccount',
  requiredActions: ['access-analyzer:ListAnalyzers'],
  reasonCodes: {
    EXTERNAL_ACCESS_ANALYZER_ACTIVE: 'The Region has an active external access analyzer (ACCOUNT or ORGANIZATION).',
    ANALYZER_NOT_ACTIVE: 'The Region has external access analyzers, but none is active.',
    NO_EXTERNAL_ACCESS_ANALYZER: 'The Region has no external access analyzer.',
  },
  remediation: withSteps('iam-external-access-analyzer-enabled', securityHubRemediation(
    'IAM.28',
    'Create an IAM Access Analyzer external access analyzer in every Region you use (aws accessanalyzer create-analyzer --analyzer-name external --type ACCOUNT, or ORGANIZATION from the delegated administrator).',
  ), {
    change: 'Create an IAM Access Analyzer external access analyzer in the Region (ACCOUNT type, or ORGANIZATION from the delegated administrator).',
    cli: ['aws accessanalyzer create-analyzer --region {{region}} --analyzer-name external-access --type ACCOUNT'],
    cloudformation: `ExternalAccessAnalyzer:
  Type: AWS::AccessAnalyzer::Analyzer
  Properties:
    AnalyzerName: external-access
    Type: ACCOUNT
`,
    terraform: `resource "aws_accessanalyzer_analyzer" "external_access" {
  analyzer_name = "external-access"
  type          = "ACCOUNT"
}
`,
  }),
  async evaluate({ data, account, region }) {
    const analyzers = await data.accessanalyzer.analyzers();
    const resource = accountResource(account, region);
    const external = analyzers.filter((a) => EXTERNAL_ACCESS_TYPES.has(a.type));
    const active = external.filter((a) => a.status === 'ACTIVE');
    const evidence = {
      analyzers: analyzers.length,
      externalAccessAnalyzers: external.length,
      activeExternalAccessAnalyzers: active.map((a) => `${a.name} (${a.type})`).join(', ') || null,
    };
    if (active.length > 0) {
      return [pass(resource, `Region ${region} has an active external access analyzer: ${active.map((a) => a.name).join(', ')}.`, { reasonCode: 'EXTERNAL_ACCESS_ANALYZER_ACTIVE', evidence })];
    }
    if (external.length > 0) {
      return [
        fail(resource, `Region ${region} has external access analyzers, but none is active (${external.map((a) => `${a.name}: ${a.status}`).join(', ')}).`, {
          reasonCode: 'ANALYZER_NOT_ACTIVE',
          evidence,
        }),
      ];
    }
    return [fail(resource, `Region ${region} has no IAM Access Analyzer external access analyzer.`, { reasonCode: 'NO_EXTERNAL_ACCESS_ANALYZER', evidence })];
  },
});
