/**
 * Names of AWS operations and of the IAM actions that authorise them.
 *
 * API calls are counted by operation (`s3:ListBuckets`); permissions are named by
 * IAM action (`s3:ListAllMyBuckets`). The two differ for a few services, and the
 * table below holds every difference hubcheck's reads meet.
 */

/** SDK client class name -> service prefix used in operation and action names. */
export const SERVICE_PREFIX: Readonly<Record<string, string>> = {
  AccessAnalyzerClient: 'access-analyzer',
  AccountClient: 'account',
  APIGatewayClient: 'apigateway',
  ApiGatewayV2Client: 'apigateway',
  CloudFrontClient: 'cloudfront',
  CloudTrailClient: 'cloudtrail',
  CloudWatchClient: 'cloudwatch',
  CloudWatchLogsClient: 'logs',
  ConfigServiceClient: 'config',
  EC2Client: 'ec2',
  ECRClient: 'ecr',
  EFSClient: 'elasticfilesystem',
  ElasticLoadBalancingClient: 'elasticloadbalancing',
  ElasticLoadBalancingV2Client: 'elasticloadbalancing',
  IAMClient: 'iam',
  KMSClient: 'kms',
  LambdaClient: 'lambda',
  Macie2Client: 'macie2',
  OrganizationsClient: 'organizations',
  RDSClient: 'rds',
  S3Client: 's3',
  S3ControlClient: 's3control',
  SecretsManagerClient: 'secretsmanager',
  SecurityHubClient: 'securityhub',
  SNSClient: 'sns',
  SQSClient: 'sqs',
  STSClient: 'sts',
};

/** Operations whose IAM action is not `<prefix>:<Operation>`. */
const ACTION_OVERRIDES: Readonly<Record<string, string>> = {
  's3:ListBuckets': 's3:ListAllMyBuckets',
  's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  's3:GetBucketLifecycleConfiguration': 's3:GetLifecycleConfiguration',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3:GetBucketPolicyStatus': 's3:GetBucketPolicyStatus',
  's3control:GetPublicAccessBlock': 's3:GetAccountPublicAccessBlock',
  // API Gateway authorises every read (v1 and v2) with one action, GET on the resource path.
  'apigateway:GetRestApis': 'apigateway:GET',
  'apigateway:GetStages': 'apigateway:GET',
  'apigateway:GetApis': 'apigateway:GET',
};

/** `iam` + `GetAccountSummary` -> `iam:GetAccountSummary`. */
export function operationName(prefix: string, commandName: string): string {
  return `${prefix}:${commandName.replace(/Command$/, '')}`;
}

/** The IAM action that authorises an operation. */
export function iamActionFor(operation: string): string {
  const override = ACTION_OVERRIDES[operation];
  if (override) return override;
  return operation.startsWith('s3control:') ? operation.replace('s3control:', 's3:') : operation;
}

/** Scanning reads only: Get/List/Describe, plus generating the IAM credential report. */
export function isReadOperation(operation: string): boolean {
  const name = operation.slice(operation.indexOf(':') + 1);
  return /^(Get|List|Describe)[A-Z]/.test(name) || name === 'GenerateCredentialReport';
}
