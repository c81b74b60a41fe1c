/**
 * The fake endpoint's answers: one function per operation the selected rules
 * call (keyed as bench/proxy.ts classifies requests), each built from a
 * FakeAccount in the service's own wire protocol, shaped like moto's answers
 * for the same resources. An operation missing here is an error the bench
 * reports, never an empty answer.
 */
import { HOME, SUPPORT_POLICY, TRAIL_BUCKET, regionalIds, type FakeAccount } from './account.js';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Request {
  account: FakeAccount;
  region: string;
  /** Query-protocol parameters (form body), JSON body, or the URL's query for REST requests. */
  params: URLSearchParams;
  json: Record<string, unknown>;
  /** REST path, e.g. /bench-bucket-00001/ */
  path: string;
  /** The organization's member accounts, for Organizations and STS. */
  org: { management: string; members: readonly string[] };
  /** Whether GenerateCredentialReport was already called for this account. */
  reportStarted: boolean;
}

export type Handler = (r: Request) => Answer;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const tag = (name: string, value: string | number | boolean) => `<${name}>${typeof value === 'string' ? esc(value) : String(value)}</${name}>`;
const items = (name: string, values: readonly string[]) => (values.length === 0 ? `<${name}/>` : `<${name}>${values.join('')}</${name}>`);
const members = (name: string, values: readonly string[]) => items(name, values.map((v) => `<member>${v}</member>`));
const ec2Items = (name: string, values: readonly string[]) => items(name, values.map((v) => `<item>${v}</item>`));
const iso = (d: Date) => d.toISOString();
const policyJson = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

const XML = { 'content-type': 'text/xml' };
const query = (ns: string) => (action: string, inner: string): Answer => ({
  status: 200,
  headers: XML,
  body: `<${action}Response xmlns="${ns}"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></${action}Response>`,
});
const iam = query('https://iam.amazonaws.com/doc/2010-05-08/');
const sts = query('https://sts.amazonaws.com/doc/2011-06-15/');
const rds = query('http://rds.amazonaws.com/doc/2014-10-31/');
const sns = query('http://sns.amazonaws.com/doc/2010-03-31/');
const ec2 = (action: string, inner: string): Answer => ({
  status: 200,
  headers: XML,
  body: `<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">${inner}<requestId>fake</requestId></${action}Response>`,
});
const json = (value: object, contentType = 'application/x-amz-json-1.1'): Answer => ({ status: 200, headers: { 'content-type': contentType }, body: JSON.stringify(value) });
const jsonError = (status: number, type: string, message: string): Answer => ({
  status,
  headers: { 'content-type': 'application/json', 'x-amzn-errortype': type },
  body: JSON.stringify({ __type: type, message, Message: message }),
});
const s3 = (inner: string): Answer => ({ status: 200, headers: { 'content-type': 'application/xml' }, body: `<?xml version="1.0" encoding="UTF-8"?>${inner}` });
const s3Error = (code: string, message: string): Answer => ({
  status: 404,
  headers: { 'content-type': 'application/xml' },
  body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>fake</RequestId></Error>`,
});

/** The access key id of credentials for an account: AssumeRole encodes the account, later requests are signed with it. */
export const accessKeyFor = (account: string) => `ASIA${account}FAKE`;
export const accountOfAccessKey = (key: string) => /^ASIA(\d{12})FAKE$/.exec(key)?.[1];

function credentialReport(a: FakeAccount): string {
  const t = a.created.toISOString().replace(/\.\d{3}Z$/, '+00:00');
  const header =
    'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
  const key = (n: number, u: { accessKeys: number }) =>
    u.accessKeys >= n ? `true,${t},N/A,not_supported,not_supported` : 'false,N/A,N/A,not_supported,not_supported';
  const rows = a.users.map((u) =>
    [
      u.name,
      `arn:aws:iam::${a.id}:user/${u.name}`,
      t,
      String(u.password),
      u.password ? 'no_information' : 'not_supported',
      t,
      'not_supported',
      String(u.mfa),
      key(1, u),
      key(2, u),
      'false,N/A,false,N/A',
    ].join(','),
  );
  return Buffer.from([header, ...rows].join('\n')).toString('base64');
}

function authorizationDetails(a: FakeAccount): string {
  const created = iso(a.created);
  const policyArn = (name: string) => `arn:aws:iam::${a.id}:policy/${name}`;
  const attached = (name: string, arn: string) => `<member>${tag('PolicyName', name)}${tag('PolicyArn', arn)}</member>`;
  const users = a.users.map(
    (u, i) =>
      `<member><Path>/</Path>${tag('UserName', u.name)}${tag('UserId', `AIDA${a.id}U${i}`)}${tag('Arn', `arn:aws:iam::${a.id}:user/${u.name}`)}${tag('CreateDate', created)}` +
      members('UserPolicyList', u.inlinePolicy ? [`${tag('PolicyName', 'inline')}${tag('PolicyDocument', encodeURIComponent(policyJson({ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' })))}`] : []) +
      members('GroupList', u.group ? [esc(u.group)] : []) +
      items('AttachedManagedPolicies', u.attachedPolicy ? [attached(u.attachedPolicy, policyArn(u.attachedPolicy))] : []) +
      members('Tags', [`${tag('Key', 'team')}${tag('Value', u.team)}`]) +
      '</member>',
  );
  const groups = a.groups.map(
    (g, i) => `<member><Path>/</Path>${tag('GroupName', g)}${tag('GroupId', `AGPA${a.id}G${i}`)}${tag('Arn', `arn:aws:iam::${a.id}:group/${g}`)}${tag('CreateDate', created)}<GroupPolicyList/><AttachedManagedPolicies/></member>`,
  );
  const trust = policyJson({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
  const roles = a.roles.map(
    (r, i) =>
      `<member><Path>/</Path>${tag('RoleName', r)}${tag('RoleId', `AROA${a.id}R${i}`)}${tag('Arn', `arn:aws:iam::${a.id}:role/${r}`)}${tag('CreateDate', created)}${tag('AssumeRolePolicyDocument', trust)}<InstanceProfileList/><RolePolicyList/>` +
      items('AttachedManagedPolicies', i === 0 ? [attached('AWSSupportAccess', SUPPORT_POLICY)] : []) +
      '<Tags/><RoleLastUsed/></member>',
  );
  const attachments = (name: string) => a.users.filter((u) => u.attachedPolicy === name).length;
  const policies = a.policies.map(
    (p) =>
      `<member>${tag('PolicyName', p.name)}${tag('Arn', policyArn(p.name))}<Path>/</Path><DefaultVersionId>v1</DefaultVersionId>${tag('AttachmentCount', attachments(p.name))}<IsAttachable>true</IsAttachable>${tag('CreateDate', created)}${tag('UpdateDate', created)}` +
      `<PolicyVersionList><member>${tag('Document', encodeURIComponent(policyJson({ Effect: 'Allow', Action: p.admin ? '*' : ['s3:GetObject', 'dynamodb:Query'], Resource: '*' })))}<VersionId>v1</VersionId><IsDefaultVersion>true</IsDefaultVersion>${tag('CreateDate', created)}</member></PolicyVersionList></member>`,
  );
  return items('UserDetailList', users) + items('GroupDetailList', groups) + items('RoleDetailList', roles) + items('Policies', policies) + '<IsTruncated>false</IsTruncated>';
}

const permission = (from: number, to: number, cidr: string) =>
  `<item><ipProtocol>tcp</ipProtocol>${tag('fromPort', from)}${tag('toPort', to)}<groups/><ipRanges><item>${tag('cidrIp', cidr)}</item></ipRanges><ipv6Ranges/><prefixListIds/></item>`;
const allEgress = '<ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item></ipPermissionsEgress>';

const bucketOf = (r: Request) => {
  const name = decodeURIComponent(r.path.split('/')[1] ?? '');
  return r.account.buckets.find((b) => b.name === name);
};
const noBucket = (): Answer => s3Error('NoSuchBucket', 'The specified bucket does not exist');

function trailArn(a: FakeAccount) {
  return `arn:aws:cloudtrail:${HOME}:${a.id}:trail/org-trail`;
}
const topicArn = (a: FakeAccount) => `arn:aws:sns:${HOME}:${a.id}:security-alerts`;

export const HANDLERS: Readonly<Record<string, Handler>> = {
  'sts:GetCallerIdentity': (r) =>
    sts(
      'GetCallerIdentity',
      r.account.id === r.org.management
        ? `${tag('UserId', 'AIDAFAKEMANAGEMENT')}${tag('Account', r.account.id)}${tag('Arn', `arn:aws:iam::${r.account.id}:user/auditor`)}`
        : `${tag('UserId', `AROA${r.account.id}:hubcheck`)}${tag('Account', r.account.id)}${tag('Arn', `arn:aws:sts::${r.account.id}:assumed-role/audit/hubcheck`)}`,
    ),
  'sts:AssumeRole': (r) => {
    const arn = r.params.get('RoleArn') ?? '';
    const [, account, role] = /^arn:aws:iam::(\d{12}):role\/(.+)$/.exec(arn) ?? [];
    if (!account || !r.org.members.includes(account)) {
      return { status: 403, headers: XML, body: `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to assume ${esc(arn)}</Message></Error><RequestId>fake</RequestId></ErrorResponse>` };
    }
    const session = r.params.get('RoleSessionName') ?? 'hubcheck';
    return sts(
      'AssumeRole',
      `<Credentials>${tag('AccessKeyId', accessKeyFor(account))}${tag('SecretAccessKey', 'fake-secret')}${tag('SessionToken', `fake-session-${account}`)}${tag('Expiration', iso(new Date(Date.now() + 3600_000)))}</Credentials>` +
        `<AssumedRoleUser>${tag('AssumedRoleId', `AROA${account}:${session}`)}${tag('Arn', `arn:aws:sts::${account}:assumed-role/${role ?? ''}/${session}`)}</AssumedRoleUser>`,
    );
  },
  'organizations:ListAccounts': (r) => {
    const start = Number(r.json.NextToken ?? 0);
    const size = Math.min(20, Number(r.json.MaxResults ?? 20));
    // Member accounts only: the bench scans N members; a real listing also holds the management account.
    const page = r.org.members.slice(start, start + size);
    const next = start + size < r.org.members.length ? { NextToken: String(start + size) } : {};
    return json({
      Accounts: page.map((id) => ({ Id: id, Arn: `arn:aws:organizations::${r.org.management}:account/o-fake/${id}`, Email: `${id}@example.com`, Name: `account-${id}`, Status: 'ACTIVE', State: 'ACTIVE', JoinedMethod: 'CREATED', JoinedTimestamp: 1_700_000_000 })),
      ...next,
    });
  },

  'iam:GenerateCredentialReport': (r) => iam('GenerateCredentialReport', r.reportStarted ? '<State>COMPLETE</State>' : '<State>STARTED</State><Description>Starting a new report generation task</Description>'),
  'iam:GetCredentialReport': (r) => iam('GetCredentialReport', `${tag('Content', credentialReport(r.account))}<ReportFormat>text/csv</ReportFormat>${tag('GeneratedTime', iso(r.account.created))}`),
  'iam:GetAccountSummary': (r) => {
    const a = r.account;
    const summary: Record<string, number> = {
      Users: a.users.length,
      Groups: a.groups.length,
      Roles: a.roles.length,
      Policies: a.policies.length,
      MFADevices: a.users.filter((u) => u.mfa).length,
      MFADevicesInUse: a.users.filter((u) => u.mfa).length,
      AccountMFAEnabled: 0,
      AccountAccessKeysPresent: 0,
      AccountSigningCertificatesPresent: 0,
      UsersQuota: 5000,
    };
    return iam('GetAccountSummary', items('SummaryMap', Object.entries(summary).map(([k, v]) => `<entry>${tag('key', k)}${tag('value', v)}</entry>`)));
  },
  'iam:GetAccountPasswordPolicy': () =>
    iam(
      'GetAccountPasswordPolicy',
      '<PasswordPolicy><MinimumPasswordLength>12</MinimumPasswordLength><RequireSymbols>false</RequireSymbols><RequireNumbers>false</RequireNumbers><RequireUppercaseCharacters>false</RequireUppercaseCharacters><RequireLowercaseCharacters>false</RequireLowercaseCharacters><AllowUsersToChangePassword>false</AllowUsersToChangePassword><ExpirePasswords>false</ExpirePasswords><MaxPasswordAge>0</MaxPasswordAge><PasswordReusePrevention>24</PasswordReusePrevention><HardExpiry>false</HardExpiry></PasswordPolicy>',
    ),
  'iam:GetAccountAuthorizationDetails': (r) => iam('GetAccountAuthorizationDetails', authorizationDetails(r.account)),
  'iam:ListEntitiesForPolicy': (r) => {
    const roles = r.params.get('PolicyArn') === SUPPORT_POLICY && r.account.roles[0] ? [`<member>${tag('RoleName', r.account.roles[0])}${tag('RoleId', `AROA${r.account.id}R0`)}</member>`] : [];
    return iam('ListEntitiesForPolicy', `<PolicyGroups/><PolicyUsers/>${items('PolicyRoles', roles)}<IsTruncated>false</IsTruncated>`);
  },
  'iam:ListServerCertificates': () => iam('ListServerCertificates', '<ServerCertificateMetadataList/><IsTruncated>false</IsTruncated>'),

  'account:POST /getAlternateContact': () => jsonError(400, 'ResourceNotFoundException', 'No contact of the inputted alternate contact type found.'),
  'access-analyzer:GET /analyzer': () => json({ analyzers: [] }, 'application/json'),
  'securityhub:GET /accounts': () => jsonError(401, 'InvalidAccessException', 'Account is not subscribed to AWS Security Hub'),
  'config:DescribeConfigurationRecorders': () => json({ ConfigurationRecorders: [] }),
  'elasticfilesystem:GET /2015-02-01/file-systems': () => json({ FileSystems: [] }, 'application/json'),
  'rds:DescribeDBInstances': () => rds('DescribeDBInstances', '<DBInstances/>'),
  'rds:DescribeDBClusters': () => rds('DescribeDBClusters', '<DBClusters/>'),

  's3:GET?max-buckets': (r) =>
    s3(
      `<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>${r.account.id}</ID></Owner>${items(
        'Buckets',
        r.account.buckets.map((b) => `<Bucket>${tag('Name', b.name)}${tag('CreationDate', iso(r.account.created))}</Bucket>`),
      )}</ListAllMyBucketsResult>`,
    ),
  's3:GET?location': (r) => {
    const b = bucketOf(r);
    if (!b) return noBucket();
    return s3(b.region === 'us-east-1' ? '<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>' : `<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${b.region}</LocationConstraint>`);
  },
  's3:GET?policy': (r) => {
    const b = bucketOf(r);
    if (!b) return noBucket();
    if (!b.policy) return s3Error('NoSuchBucketPolicy', 'The bucket policy does not exist');
    const resource = [`arn:aws:s3:::${b.name}`, `arn:aws:s3:::${b.name}/*`];
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: policyJson({ Sid: 'TLSOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: resource, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    };
  },
  's3:GET?publicAccessBlock': (r) => {
    const b = bucketOf(r);
    if (!b) return noBucket();
    if (!b.publicAccessBlock) return s3Error('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found');
    return s3(
      '<PublicAccessBlockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>',
    );
  },
  's3:GET?versioning': (r) => {
    const b = bucketOf(r);
    if (!b) return noBucket();
    return s3(`<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${b.versioning ? '<Status>Enabled</Status>' : ''}</VersioningConfiguration>`);
  },
  's3:GET?lifecycle': (r) => (bucketOf(r) ? s3Error('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist') : noBucket()),
  's3:GET?logging': (r) => (bucketOf(r) ? s3('<BucketLoggingStatus xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>') : noBucket()),
  's3control:GET': () => ({
    status: 404,
    headers: { 'content-type': 'application/xml' },
    body: '<?xml version="1.0" encoding="UTF-8"?><ErrorResponse><Error><Type>Sender</Type><Code>NoSuchPublicAccessBlockConfiguration</Code><Message>The public access block configuration was not found</Message></Error><RequestId>fake</RequestId></ErrorResponse>',
  }),

  'ec2:GetEbsEncryptionByDefault': (r) => ec2('GetEbsEncryptionByDefault', tag('ebsEncryptionByDefault', r.account.ebsEncryptedRegions.has(r.region))),
  'ec2:DescribeSecurityGroups': (r) => {
    const { vpc } = regionalIds(r.account.id, r.region);
    const groups = (r.account.securityGroups.get(r.region) ?? []).map(
      (g) =>
        `${tag('groupId', g.id)}${allEgress}<tagSet/>${tag('vpcId', vpc)}${tag('securityGroupArn', `arn:aws:ec2:${r.region}:${r.account.id}:security-group/${g.id}`)}${tag('ownerId', r.account.id)}${tag('groupName', g.name)}${tag('groupDescription', g.description)}` +
        items('ipPermissions', [...(g.sshOpen ? [permission(22, 22, '0.0.0.0/0')] : []), ...(g.internalHttps ? [permission(443, 443, '10.0.0.0/8')] : [])]),
    );
    return ec2('DescribeSecurityGroups', ec2Items('securityGroupInfo', groups));
  },
  'ec2:DescribeVpcs': (r) => {
    const { vpc } = regionalIds(r.account.id, r.region);
    return ec2(
      'DescribeVpcs',
      ec2Items('vpcSet', [`${tag('ownerId', r.account.id)}<instanceTenancy>default</instanceTenancy><isDefault>true</isDefault><tagSet/>${tag('vpcId', vpc)}<state>available</state><cidrBlock>172.31.0.0/16</cidrBlock><dhcpOptionsId>default</dhcpOptionsId>`]),
    );
  },
  'ec2:DescribeFlowLogs': () => ec2('DescribeFlowLogs', '<flowLogSet/>'),
  'ec2:DescribeInstances': () => ec2('DescribeInstances', '<reservationSet/>'),
  'ec2:DescribeNetworkAcls': (r) => {
    const { vpc, acl } = regionalIds(r.account.id, r.region);
    const entry = (egress: boolean, action: string, rule: number) => `<item><cidrBlock>0.0.0.0/0</cidrBlock>${tag('egress', egress)}<protocol>-1</protocol>${tag('ruleAction', action)}${tag('ruleNumber', rule)}</item>`;
    return ec2(
      'DescribeNetworkAcls',
      ec2Items('networkAclSet', [
        `<associationSet/><entrySet>${entry(true, 'allow', 100)}${entry(true, 'deny', 32767)}${entry(false, 'allow', 100)}${entry(false, 'deny', 32767)}</entrySet><default>true</default>${tag('networkAclId', acl)}<tagSet/>${tag('vpcId', vpc)}${tag('ownerId', r.account.id)}`,
      ]),
    );
  },

  'kms:ListKeys': (r) =>
    json({
      Keys: r.account.keys.filter((k) => k.region === r.region).map((k) => ({ KeyId: k.id, KeyArn: `arn:aws:kms:${r.region}:${r.account.id}:key/${k.id}` })),
      Truncated: false,
    }),
  'kms:DescribeKey': (r) => {
    const key = r.account.keys.find((k) => k.id === r.json.KeyId && k.region === r.region);
    if (!key) return jsonError(400, 'NotFoundException', 'key not found');
    return json({
      KeyMetadata: {
        AWSAccountId: r.account.id,
        Arn: `arn:aws:kms:${r.region}:${r.account.id}:key/${key.id}`,
        CreationDate: r.account.created.getTime() / 1000,
        KeySpec: 'SYMMETRIC_DEFAULT',
        CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
        Enabled: true,
        EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
        KeyId: key.id,
        KeyManager: 'CUSTOMER',
        KeyUsage: 'ENCRYPT_DECRYPT',
        KeyState: 'Enabled',
        Origin: 'AWS_KMS',
      },
    });
  },
  'kms:GetKeyRotationStatus': (r) => {
    const key = r.account.keys.find((k) => k.id === r.json.KeyId && k.region === r.region);
    return key ? json({ KeyRotationEnabled: key.rotation }) : jsonError(400, 'NotFoundException', 'key not found');
  },

  'cloudtrail:DescribeTrails': (r) =>
    json({
      trailList: [
        {
          Name: 'org-trail',
          S3BucketName: TRAIL_BUCKET,
          IncludeGlobalServiceEvents: true,
          IsMultiRegionTrail: true,
          TrailARN: trailArn(r.account),
          LogFileValidationEnabled: true,
          IsOrganizationTrail: false,
          HasCustomEventSelectors: false,
          HasInsightSelectors: false,
          CloudWatchLogsLogGroupArn: `arn:aws:logs:${HOME}:${r.account.id}:log-group:cloudtrail:*`,
          CloudWatchLogsRoleArn: `arn:aws:iam::${r.account.id}:role/role-1`,
          HomeRegion: HOME,
        },
      ],
    }),
  'cloudtrail:GetTrailStatus': (r) => json({ IsLogging: true, StartLoggingTime: r.account.created.getTime() / 1000 }),
  'cloudtrail:GetEventSelectors': (r) => json({ TrailARN: trailArn(r.account), EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }], AdvancedEventSelectors: [] }),
  'logs:DescribeMetricFilters': (r) =>
    json({
      metricFilters: r.account.alarms.map((a) => ({
        filterName: a.filterName,
        filterPattern: a.pattern,
        logGroupName: 'cloudtrail',
        metricTransformations: [{ metricName: a.filterName, metricNamespace: 'CISBenchmark', metricValue: '1', defaultValue: 0 }],
      })),
    }),
  'cloudwatch:DescribeAlarms': (r) =>
    json(
      {
        CompositeAlarms: [],
        MetricAlarms: r.account.alarms.map((a) => ({
          AlarmName: a.name,
          AlarmArn: `arn:aws:cloudwatch:${HOME}:${r.account.id}:alarm:${a.name}`,
          ActionsEnabled: true,
          OKActions: [],
          AlarmActions: [topicArn(r.account)],
          InsufficientDataActions: [],
          StateValue: 'OK',
          MetricName: a.filterName,
          Namespace: 'CISBenchmark',
          Statistic: 'Sum',
          Dimensions: [],
          Period: 300,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        })),
      },
      'application/x-amz-json-1.0',
    ),
  'sns:ListSubscriptionsByTopic': (r) =>
    sns(
      'ListSubscriptionsByTopic',
      members('Subscriptions', [
        `${tag('SubscriptionArn', `${topicArn(r.account)}:${r.account.id}`)}${tag('Owner', r.account.id)}<Protocol>email</Protocol><Endpoint>secops@example.com</Endpoint>${tag('TopicArn', topicArn(r.account))}`,
      ]),
    ),
};
