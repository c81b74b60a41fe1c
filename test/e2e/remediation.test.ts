/**
 * Proof that the remediation works: for each group of rules, seed the failing
 * state in moto, scan, run the CLI commands the failing findings carry (exactly
 * as a user would copy them from the report) with the AWS CLI aimed at moto,
 * rescan, and expect every finding that failed to pass.
 *
 * The AWS CLI runs isolated: dummy keys, no config or credentials file, and
 * `aws` on PATH is a wrapper adding `--endpoint-url` (moto on loopback), so the
 * commands nested in `$(...)` reach moto too. Never real AWS.
 *
 * Every automated rule is either covered here or listed in NOT_COVERED with
 * the reason.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { beforeAll, expect, it } from 'vitest';
import { builtInRules } from '../../rules/index.js';
import { BENCHMARK_VERSIONS } from '../../src/engine/benchmarks.js';
import { runsFor } from '../../src/engine/registry.js';
import { ACCOUNT, describeMoto, MOTO_URL, resetMoto, runCli } from './moto.js';

const REGION = 'us-east-1';
const BENCHMARKS = BENCHMARK_VERSIONS.flatMap((v) => ['--benchmark', `cis-${v}`]);

/** Rules whose fix this suite cannot prove against moto, and why. */
export const NOT_COVERED: Record<string, string> = {
  'iam-root-mfa-enabled': 'No CLI: the root user MFA is set in the console.',
  'iam-root-hardware-mfa-enabled': 'No CLI: a hardware device is registered in the console.',
  'iam-root-access-key-absent': "moto cannot give the root user an access key; the CLI also needs the root user's own key.",
  'iam-root-access-centralized': 'moto does not serve the Organizations root access features (ListOrganizationsFeatures).',
  'iam-access-key-rotated': 'moto cannot backdate an access key, so a key older than 90 days cannot be seeded.',
  'iam-user-unused-credentials-45d': 'moto cannot backdate credentials, so unused ones cannot be seeded.',
  'iam-user-unused-credentials-90d': 'moto cannot backdate credentials, so unused ones cannot be seeded.',
  'iam-user-no-initial-access-key': 'The key to remove is picked by a person (accessKeyId input); the finding names keys by position only.',
  'iam-user-single-active-access-key': 'The key to deactivate is picked by a person (accessKeyId input); the finding names keys by position only.',
  'iam-server-certificate-not-expired': 'Not attempted: seeding needs an expired certificate and its key, and the fix deletes the certificate a person has moved listeners off.',
  'iam-support-role-exists': 'moto has no AWSSupportAccess managed policy to attach.',
  'iam-cloudshell-full-access-not-attached': 'moto has no AWSCloudShellFullAccess managed policy, so the failing state cannot be seeded.',
  'iam-external-access-analyzer-enabled': 'moto answers accessanalyzer CreateAnalyzer with an internal error.',
  's3-account-public-access-block-enabled': 'AWS CLI v1 puts the account id in the S3 Control host name (123456789012.127.0.0.1), which loopback cannot serve.',
  's3-bucket-mfa-delete-enabled': "Needs the root user's MFA device and a current code.",
  's3-bucket-default-encryption-enabled': 'moto encrypts every new bucket by default (as AWS does), so the failing state cannot be seeded.',
  'efs-filesystem-encrypted-at-rest': 'The fix is a new file system and a data copy; the old one keeps failing until deleted by a person.',
  'efs-filesystem-kms-encrypted': 'The fix is a new file system and a data copy; the old one keeps failing until deleted by a person.',
  'rds-instance-storage-encrypted': 'The fix restores a new instance from an encrypted snapshot copy; the old one keeps failing until deleted by a person.',
  'iam-user-console-mfa-enabled': 'The MFA codes come from a device; moto does not check them, so passing would prove nothing.',
  'apigateway-http-stage-access-logging-enabled': 'moto does not serve apigatewayv2 UpdateStage, so the fix cannot run.',
};

interface Group {
  name: string;
  /** In the order their commands run (a trail is created before its event selectors are set). */
  rules: string[];
  /** AWS CLI commands that build the failing state (and the resources the fixes' inputs name). */
  seed: string[];
}

const GROUPS: Group[] = [
  {
    name: 'account settings',
    rules: [
      'iam-password-policy-min-length',
      'iam-password-policy-reuse-prevention',
      'iam-password-policy-max-age',
      'iam-password-policy-uppercase',
      'iam-password-policy-lowercase',
      'iam-password-policy-number',
      'iam-password-policy-symbol',
      'account-security-contact-registered',
      'config-recorder-enabled',
      'ec2-ebs-default-encryption-enabled',
      'securityhub-account-enabled',
    ],
    seed: [`aws s3api create-bucket --bucket config-${ACCOUNT}`],
  },
  {
    name: 'no trail at all',
    rules: ['cloudtrail-multi-region-enabled'],
    seed: [`aws s3api create-bucket --bucket cloudtrail-${ACCOUNT}`],
  },
  {
    // The trail's own settings first: the alarms need its log group.
    name: 'a bare trail, its public bucket, and no alarms',
    rules: [
      'cloudtrail-trail-cloudwatch-logs-enabled',
      'cloudtrail-trail-kms-encrypted',
      'cloudtrail-trail-log-validation-enabled',
      'cloudtrail-bucket-access-logging-enabled',
      'cloudtrail-bucket-not-public',
      's3-object-read-events-logged',
      's3-object-write-events-logged',
      ...builtInRules.filter((r) => r.id.startsWith('cloudwatch-') && r.id.endsWith('-alarm')).map((r) => r.id),
    ],
    seed: [
      `aws s3api create-bucket --bucket cloudtrail-${ACCOUNT}`,
      `aws s3api put-bucket-acl --bucket cloudtrail-${ACCOUNT} --acl public-read`,
      // The log bucket the fix names, able to receive S3 server access logs.
      `aws s3api create-bucket --bucket access-logs-${ACCOUNT}`,
      `aws s3api put-bucket-acl --bucket access-logs-${ACCOUNT} --grant-write URI=http://acs.amazonaws.com/groups/s3/LogDelivery --grant-read-acp URI=http://acs.amazonaws.com/groups/s3/LogDelivery`,
      `aws cloudtrail create-trail --name management-events --s3-bucket-name cloudtrail-${ACCOUNT} --is-multi-region-trail`,
      'aws cloudtrail start-logging --name management-events',
      'aws cloudtrail put-event-selectors --trail-name management-events --event-selectors ReadWriteType=All,IncludeManagementEvents=true',
    ],
  },
  {
    name: 'open security groups, an open network ACL, a VPC without flow logs, an instance without IMDSv2 or role',
    rules: [
      'ec2-sg-ssh-restricted',
      'ec2-sg-rdp-restricted',
      'ec2-sg-cifs-restricted',
      'ec2-sg-admin-ports-ipv4-restricted',
      'ec2-sg-admin-ports-ipv6-restricted',
      'ec2-nacl-admin-ports-restricted',
      'ec2-default-sg-closed',
      'ec2-vpc-flow-logs-enabled',
      'ec2-instance-imdsv2-required',
      'ec2-instance-iam-role-attached',
    ],
    seed: [
      [
        'VPC=$(aws ec2 create-vpc --cidr-block 10.1.0.0/16 --query Vpc.VpcId --output text)',
        'SG=$(aws ec2 create-security-group --group-name open-admin --description open --vpc-id $VPC --query GroupId --output text)',
        "aws ec2 authorize-security-group-ingress --group-id $SG --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}],Ipv6Ranges=[{CidrIpv6=::/0}]' 'IpProtocol=tcp,FromPort=3389,ToPort=3389,IpRanges=[{CidrIp=0.0.0.0/0}],Ipv6Ranges=[{CidrIpv6=::/0}]' 'IpProtocol=tcp,FromPort=445,ToPort=445,IpRanges=[{CidrIp=0.0.0.0/0}]'",
        'ACL=$(aws ec2 create-network-acl --vpc-id $VPC --query NetworkAcl.NetworkAclId --output text)',
        'aws ec2 create-network-acl-entry --network-acl-id $ACL --ingress --rule-number 100 --protocol 6 --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action allow',
        'SUBNET=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.1.1.0/24 --query Subnet.SubnetId --output text)',
        'aws ec2 run-instances --image-id ami-12c6146b --instance-type t3.micro --subnet-id $SUBNET --count 1',
      ].join(' && '),
      // What the fixes' inputs name: the flow log bucket and the instance profile.
      `aws s3api create-bucket --bucket flow-logs-${ACCOUNT}`,
      `aws iam create-role --role-name app-instance --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'`,
      'aws iam create-instance-profile --instance-profile-name app-instance',
      'aws iam add-role-to-instance-profile --instance-profile-name app-instance --role-name app-instance',
    ],
  },
  {
    name: 'a public bucket, key and topic, and an exposed database',
    rules: [
      's3-bucket-public-access-block-enabled',
      's3-bucket-policy-no-public-principal',
      's3-bucket-ssl-requests-only',
      'kms-key-rotation-enabled',
      'kms-key-policy-no-public-principal',
      'sns-topic-policy-no-public-principal',
      'rds-instance-auto-minor-version-upgrade',
      'rds-instance-multi-az',
      'rds-instance-not-public',
    ],
    seed: [
      'aws s3api create-bucket --bucket open-data-bucket',
      `aws s3api put-bucket-policy --bucket open-data-bucket --policy '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::open-data-bucket/*"}]}'`,
      `KEY=$(aws kms create-key --query KeyMetadata.KeyId --output text) && aws kms put-key-policy --key-id $KEY --policy-name default --policy '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*"}]}'`,
      `TOPIC=$(aws sns create-topic --name open-topic --query TopicArn --output text) && aws sns set-topic-attributes --topic-arn $TOPIC --attribute-name Policy --attribute-value '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sns:Publish","Resource":"'$TOPIC'"}]}'`,
      'aws rds create-db-instance --db-instance-identifier orders --db-instance-class db.t3.micro --engine postgres --master-username app --master-user-password example-password-1 --allocated-storage 20 --publicly-accessible --no-multi-az --no-auto-minor-version-upgrade --storage-encrypted',
    ],
  },
  {
    name: 'an Aurora cluster in one Availability Zone',
    rules: ['rds-cluster-multi-az'],
    seed: [
      'aws rds create-db-cluster --db-cluster-identifier orders --engine aurora-postgresql --master-username app --master-user-password example-password-1',
      `aws rds create-db-instance --db-cluster-identifier orders --db-instance-identifier orders-1 --db-instance-class db.r6g.large --engine aurora-postgresql --availability-zone ${REGION}a`,
    ],
  },
  {
    name: 'a user with its own policies, one of them full admin',
    rules: ['iam-policy-no-full-admin', 'iam-user-no-direct-policies'],
    seed: [
      'aws iam create-user --user-name alice',
      `aws iam put-user-policy --user-name alice --policy-name read-logs --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:Get*","Resource":"*"}]}'`,
      `ARN=$(aws iam create-policy --policy-name admin-everything --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' --query Policy.Arn --output text) && aws iam attach-user-policy --user-name alice --policy-arn $ARN`,
    ],
  },
  {
    name: 'a queue, function, repository and secret open to everyone (v7.0.0 2.21)',
    rules: [
      'sqs-queue-policy-no-public-principal',
      'lambda-function-policy-no-public-principal',
      'ecr-repository-policy-no-public-principal',
      'secretsmanager-secret-policy-no-public-principal',
    ],
    seed: [
      `URL=$(aws sqs create-queue --queue-name open-queue --query QueueUrl --output text) && aws sqs set-queue-attributes --queue-url $URL --attributes '{"Policy":"{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":\\"*\\",\\"Action\\":\\"sqs:SendMessage\\",\\"Resource\\":\\"*\\"}]}"}'`,
      `aws iam create-role --role-name lambda-exec --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}'`,
      `python3 -c "import zipfile; zipfile.ZipFile('fn.zip', 'w').writestr('index.py', 'def handler(event, context): return 1')"`,
      `aws lambda create-function --function-name open-function --runtime python3.12 --handler index.handler --role arn:aws:iam::${ACCOUNT}:role/lambda-exec --zip-file fileb://fn.zip`,
      // The statement id is the default of the fix's statementId input.
      `aws lambda add-permission --function-name open-function --statement-id public-invoke --action lambda:InvokeFunction --principal '*'`,
      `aws ecr create-repository --repository-name open-repo && aws ecr set-repository-policy --repository-name open-repo --policy-text '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage"}]}'`,
      `aws secretsmanager create-secret --name open-secret --secret-string example && aws secretsmanager put-resource-policy --secret-id open-secret --resource-policy '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*"}]}'`,
    ],
  },
  {
    name: 'a distribution, load balancers and a REST API stage without access logs (v7.0.0 4.10)',
    rules: [
      'cloudfront-distribution-access-logging-enabled',
      'elb-application-load-balancer-access-logging-enabled',
      'elb-classic-load-balancer-access-logging-enabled',
      'apigateway-rest-stage-access-logging-enabled',
    ],
    seed: [
      'aws cloudfront create-distribution --origin-domain-name site.s3.amazonaws.com',
      `SUBNETS=$(aws ec2 describe-subnets --filters Name=default-for-az,Values=true --query 'Subnets[0:2].SubnetId' --output text) && aws elbv2 create-load-balancer --name dark-alb --type application --subnets $SUBNETS`,
      `aws elb create-load-balancer --load-balancer-name dark-clb --listeners Protocol=HTTP,LoadBalancerPort=80,InstancePort=80 --availability-zones ${REGION}a`,
      [
        'API=$(aws apigateway create-rest-api --name dark-rest --query id --output text)',
        "ROOT=$(aws apigateway get-resources --rest-api-id $API --query 'items[0].id' --output text)",
        'aws apigateway put-method --rest-api-id $API --resource-id $ROOT --http-method GET --authorization-type NONE',
        'aws apigateway put-integration --rest-api-id $API --resource-id $ROOT --http-method GET --type MOCK',
        'aws apigateway create-deployment --rest-api-id $API --stage-name prod',
      ].join(' && '),
      // What the fixes' inputs name: the log buckets and the log group.
      `aws s3api create-bucket --bucket cloudfront-logs-${ACCOUNT}`,
      `aws s3api create-bucket --bucket elb-access-logs-${ACCOUNT}`,
      'aws logs create-log-group --log-group-name api-gateway-access-logs',
    ],
  },
];

const AUTOMATED = builtInRules.filter((rule) => BENCHMARK_VERSIONS.some((v) => runsFor(rule, v))).map((r) => r.id);

/** A home for the AWS CLI: a wrapper `aws` that adds moto's endpoint, and the environment that isolates it. */
function awsCliHome(): { env: Record<string, string>; cwd: string } {
  const home = mkdtempSync(path.join(tmpdir(), 'hubcheck-awscli-'));
  const real = spawnSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' }).stdout.trim();
  const wrapper = path.join(home, 'bin', 'aws');
  spawnSync('mkdir', ['-p', path.dirname(wrapper)]);
  writeFileSync(wrapper, `#!/bin/sh\nexec '${real}' --endpoint-url '${MOTO_URL}' "$@"\n`);
  chmodSync(wrapper, 0o755);
  return {
    cwd: home,
    env: {
      PATH: `${path.dirname(wrapper)}:${process.env.PATH ?? ''}`,
      HOME: home,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_DEFAULT_REGION: REGION,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
    },
  };
}

function shell(command: string, cli: ReturnType<typeof awsCliHome>): { code: number; output: string } {
  const run = spawnSync('sh', ['-c', command], { env: cli.env, cwd: cli.cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: run.status ?? 1, output: `${run.stdout}${run.stderr}`.slice(0, 2000) };
}

async function scan(rules: string[]): Promise<AwsSecurityFinding[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hubcheck-remediation-'));
  const out = path.join(dir, 'out');
  const result = await runCli(['scan', '--regions', REGION, ...BENCHMARKS, '--rules', rules.join(','), '--output-dir', out, '--no-progress']);
  expect([0, 1], result.stderr).toContain(result.code);
  return JSON.parse(readFileSync(path.join(out, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[];
}

const ruleOf = (f: AwsSecurityFinding) => f.ProductFields?.['hubcheck/RuleId'] ?? '';

describeMoto('remediation: the rendered CLI turns every covered FAILED into PASSED', () => {
  it('covers every automated rule or says why not', () => {
    const covered = GROUPS.flatMap((g) => g.rules);
    expect(new Set(covered).size).toBe(covered.length);
    expect(covered.filter((id) => NOT_COVERED[id])).toEqual([]);
    expect([...covered, ...Object.keys(NOT_COVERED)].sort()).toEqual([...AUTOMATED].sort());
    console.log(`remediation e2e: ${covered.length} of ${AUTOMATED.length} automated rules covered; not covered:\n${Object.entries(NOT_COVERED).map(([id, why]) => `  ${id}: ${why}`).join('\n')}`);
  });

  for (const group of GROUPS) {
    describeMoto(group.name, () => {
      let before: AwsSecurityFinding[] = [];
      let after: AwsSecurityFinding[] = [];
      const ran: { command: string; code: number; output: string }[] = [];

      beforeAll(async () => {
        await resetMoto();
        const cli = awsCliHome();
        for (const command of group.seed) {
          const seeded = shell(command, cli);
          if (seeded.code !== 0) throw new Error(`seed failed: ${command}\n${seeded.output}`);
        }
        before = await scan(group.rules);
        const commands: string[] = [];
        for (const rule of group.rules) {
          for (const f of before.filter((x) => ruleOf(x) === rule && x.Compliance?.Status === 'FAILED')) {
            const cliCode = f.ProductFields?.['hubcheck/remediation/cli'];
            if (cliCode && !commands.includes(cliCode)) commands.push(cliCode);
          }
        }
        // A line two fixes share (the alarms' SNS topic) runs once, as a person fixing them in turn would skip it.
        const lines = [...new Set(commands.flatMap((code) => code.split('\n')))];
        for (const command of lines) ran.push({ command, ...shell(command, cli) });
        after = await scan(group.rules);
      }, 600_000);

      it('seeds a FAILED finding for every rule of the group', () => {
        const failing = new Set(before.filter((f) => f.Compliance?.Status === 'FAILED').map(ruleOf));
        expect(group.rules.filter((r) => !failing.has(r))).toEqual([]);
      });

      it('runs every rendered command without error', () => {
        expect(ran.length).toBeGreaterThan(0);
        expect(ran.filter((r) => r.code !== 0)).toEqual([]);
      });

      it('rescans with every finding that failed now PASSED', () => {
        const now = new Map(after.map((f) => [f.Id, f]));
        const notFixed = before
          .filter((f) => f.Compliance?.Status === 'FAILED')
          .map((f) => ({ rule: ruleOf(f), resource: f.Resources?.[0]?.Id, now: now.get(f.Id)?.Compliance?.Status ?? 'GONE', reason: now.get(f.Id)?.Description }))
          .filter((f) => f.now !== 'PASSED');
        expect(notFixed).toEqual([]);
      });
    });
  }
});
