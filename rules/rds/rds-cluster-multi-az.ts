import { defineRule } from '../../src/engine/rule.js';
import { evaluateClusterFlag, flagReasonCodes } from '../lib/rds.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  id: 'rds-cluster-multi-az',
  title: 'RDS DB clusters should be configured for multiple Availability Zones',
  securityHubControlId: 'RDS.15',
  severity: 'MEDIUM',
  cis: { '5.0.0': '2.2.4', '6.0.0': '3.2.4', '7.0.0': '3.2.4' },
  scope: 'region',
  resourceType: 'AwsRdsDbCluster',
  requiredActions: ['rds:DescribeDBClusters'],
  reasonCodes: flagReasonCodes({
    CLUSTER_MULTI_AZ: 'The DB cluster spans several Availability Zones.',
    CLUSTER_SINGLE_AZ: 'The DB cluster runs in a single Availability Zone.',
  }),
  remediation: withSteps('rds-cluster-multi-az', securityHubRemediation(
    'RDS.15',
    'Add a reader instance in another Availability Zone to the cluster (Aurora), or recreate it as a Multi-AZ DB cluster.',
  ), {
    change: 'Add a reader instance in another Availability Zone to the Aurora cluster (in its Region); a cluster of another engine is recreated as a Multi-AZ DB cluster.',
    cli: ['aws rds create-db-instance --region {{region}} --db-cluster-identifier {{resource}} --db-instance-identifier {{resource}}-reader --db-instance-class {{instanceClass}} --engine {{engine}} --availability-zone {{secondZone}}'],
    cloudformation: `ClusterReader:
  Type: AWS::RDS::DBInstance
  Properties:
    DBClusterIdentifier: "{{resource}}"
    DBInstanceIdentifier: "{{resource}}-reader"
    DBInstanceClass: "{{instanceClass}}"
    AvailabilityZone: !Select [1, !GetAZs ""]
`,
    terraform: `resource "aws_rds_cluster_instance" "reader" {
  cluster_identifier = "{{resource}}"
  identifier         = "{{resource}}-reader"
  instance_class     = "{{instanceClass}}"
  engine             = "{{engine}}"
  availability_zone  = "{{secondZone}}"
}
`,
    inputs: {
      instanceClass: { default: 'db.r6g.large', means: "The reader's instance class (as the writer's)." },
      engine: { default: 'aurora-postgresql', means: "The cluster's engine." },
      secondZone: { default: '{{region}}b', means: "An Availability Zone other than the writer's." },
    },
  }),
  evaluate: evaluateClusterFlag({
    field: 'MultiAZ',
    passWhen: true,
    passed: { code: 'CLUSTER_MULTI_AZ', text: (name) => `DB cluster ${name} spans several Availability Zones.` },
    failed: { code: 'CLUSTER_SINGLE_AZ', text: (name) => `DB cluster ${name} runs in a single Availability Zone.` },
    evidence: (cluster) => ({ MultiAZ: cluster.MultiAZ ?? null, engine: cluster.Engine ?? null, members: cluster.DBClusterMembers?.length ?? 0 }),
  }),
});
