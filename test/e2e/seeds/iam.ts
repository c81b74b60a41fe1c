/**
 * Seed for the IAM and Account family: users, groups, roles, policies and a
 * server certificate of its own (names start with `iam-`). It does not touch
 * the password policy or root settings (the foundation seed owns them).
 *
 * What moto cannot represent, and where it is tested instead (spec/moto.md
 * sections 6 and 7):
 * - credential dates are "now": IAM.3, IAM.8 and IAM.22 only PASS here; their
 *   FAILED paths are unit-tested with older fixture reports;
 * - the root user never has MFA: IAM.6 only FAILS here; PASSED is tested with
 *   client-mock in test/data/iam-live-outcomes.test.ts;
 * - every server certificate expires in 2012: IAM.26 only FAILS here; PASSED is
 *   tested in test/data/iam-live-outcomes.test.ts;
 * - there is no Access Analyzer (HTTP 500): IAM.28 is NOT_AVAILABLE here; its
 *   PASSED and FAILED are tested in test/data/accessanalyzer.test.ts.
 */
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
  UploadServerCertificateCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { ComplianceStatus } from '../../../src/engine/rule.js';
import { motoClient } from '../../../src/dev/moto-server.js';
import type { Expectation, Seed } from './seed.js';

export const ACCOUNT = '123456789012';
const HOME = 'us-east-1';
const SUPPORT_ACCESS = 'arn:aws:iam::aws:policy/AWSSupportAccess';
const CLOUDSHELL_FULL_ACCESS = 'arn:aws:iam::aws:policy/AWSCloudShellFullAccess';
const EC2_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

export const IAM_RULES = [
  'account-security-contact-registered',
  'iam-access-key-rotated',
  'iam-cloudshell-full-access-not-attached',
  'iam-external-access-analyzer-enabled',
  'iam-password-policy-lowercase',
  'iam-password-policy-max-age',
  'iam-password-policy-number',
  'iam-password-policy-symbol',
  'iam-password-policy-uppercase',
  'iam-policy-no-full-admin',
  'iam-root-hardware-mfa-enabled',
  'iam-server-certificate-not-expired',
  'iam-support-role-exists',
  'iam-user-no-direct-policies',
  'iam-user-no-initial-access-key',
  'iam-user-single-active-access-key',
  'iam-user-unused-credentials-45d',
  'iam-user-unused-credentials-90d',
];

/** The account-level rules the second scan of the e2e test turns around. */
export const PASSWORD_COMPLEXITY_RULES = [
  'iam-password-policy-lowercase',
  'iam-password-policy-max-age',
  'iam-password-policy-number',
  'iam-password-policy-symbol',
  'iam-password-policy-uppercase',
];

const P = 'PASSED' as const;
const F = 'FAILED' as const;

/**
 * Per user: IAM.2, IAM.3, IAM.8, IAM.22, one active key, no initial key, IAM.27.
 * Credential dates are "now" on moto, so IAM.3, IAM.8 and IAM.22 pass everywhere.
 */
const USERS: Record<string, [direct: ComplianceStatus, single: ComplianceStatus, initial: ComplianceStatus, cloudshell: ComplianceStatus]> = {
  'iam-dana': [F, P, P, P], // attached customer-managed policy
  'iam-erin': [F, P, P, P], // inline policy
  'iam-frank': [P, P, P, P], // permissions from a group only, no credentials
  'iam-gina': [P, F, P, P], // two active keys, no console password
  'iam-hank': [P, P, P, P], // one active key, one inactive
  'iam-ivan': [P, P, F, P], // console password and a key never used
  'iam-judy': [P, P, P, P], // console password and a key that was used
  'iam-kate': [F, P, P, F], // AWSCloudShellFullAccess attached to the user
};

export const iamSeed: Seed = {
  name: 'iam',
  rules: IAM_RULES,
  async seed(url) {
    const iam = motoClient(IAMClient, url);
    for (const user of Object.keys(USERS)) await iam.send(new CreateUserCommand({ UserName: user }));

    // Customer-managed policies (IAM.1).
    const policyArn = async (name: string, document: string) =>
      (await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: document }))).Policy?.Arn ?? '';
    const s3Read = await policyArn('iam-s3-read', doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }));
    const fullAdmin = await policyArn('iam-full-admin', doc({ Effect: 'Allow', Action: '*', Resource: '*' }));
    await policyArn('iam-spare-admin', doc({ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }, { Effect: 'Allow', Action: ['*'], Resource: ['*'] }));

    // Users with policies of their own (IAM.2) and group membership.
    await iam.send(new AttachUserPolicyCommand({ UserName: 'iam-dana', PolicyArn: s3Read }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'iam-erin', PolicyName: 'iam-erin-inline', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }) }));
    await iam.send(new CreateGroupCommand({ GroupName: 'iam-developers' }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'iam-developers', PolicyArn: s3Read }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'iam-developers', UserName: 'iam-frank' }));

    // Access keys and console passwords (CIS-only key rules; IAM.3/8/22 pass on moto).
    const createKey = async (user: string) => (await iam.send(new CreateAccessKeyCommand({ UserName: user }))).AccessKey!;
    await createKey('iam-gina');
    await createKey('iam-gina');
    await createKey('iam-hank');
    const retired = await createKey('iam-hank');
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'iam-hank', AccessKeyId: retired.AccessKeyId, Status: 'Inactive' }));
    for (const user of ['iam-ivan', 'iam-judy']) {
      await iam.send(new CreateLoginProfileCommand({ UserName: user, Password: 'Correct-Horse-9-Battery' }));
    }
    await createKey('iam-ivan');
    const judyKey = await createKey('iam-judy');
    // One request signed with the key makes moto record its last use.
    await motoClient(STSClient, url, HOME, { accessKeyId: judyKey.AccessKeyId!, secretAccessKey: judyKey.SecretAccessKey! }).send(new GetCallerIdentityCommand({}));

    // AWSSupportAccess on a group with no members: IAM.18 fails until someone joins (the e2e test's second scan).
    await iam.send(new CreateGroupCommand({ GroupName: 'iam-support' }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'iam-support', PolicyArn: SUPPORT_ACCESS }));

    // AWSCloudShellFullAccess on a user, a group and a role (IAM.27); one role without it.
    await iam.send(new AttachUserPolicyCommand({ UserName: 'iam-kate', PolicyArn: CLOUDSHELL_FULL_ACCESS }));
    await iam.send(new CreateGroupCommand({ GroupName: 'iam-shell' }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'iam-shell', PolicyArn: CLOUDSHELL_FULL_ACCESS }));
    await iam.send(new CreateRoleCommand({ RoleName: 'iam-shell-role', AssumeRolePolicyDocument: EC2_TRUST }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'iam-shell-role', PolicyArn: CLOUDSHELL_FULL_ACCESS }));
    await iam.send(new CreateRoleCommand({ RoleName: 'iam-app-role', AssumeRolePolicyDocument: EC2_TRUST }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'iam-app-role', PolicyArn: fullAdmin }));

    // A server certificate: moto dates every certificate to expire in 2012 (IAM.26 fails).
    await iam.send(
      new UploadServerCertificateCommand({
        ServerCertificateName: 'iam-web-cert',
        CertificateBody: '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----',
        PrivateKey: '-----BEGIN RSA PRIVATE KEY-----\nMIIBfake\n-----END RSA PRIVATE KEY-----',
      }),
    );

    const expect = (rule: string, resource: string, status: ComplianceStatus, region = HOME): Expectation => ({ rule, region, resource, status });
    const perUser = Object.entries(USERS).flatMap(([user, [direct, single, initial, cloudshell]]) => [
      expect('iam-user-no-direct-policies', user, direct),
      expect('iam-access-key-rotated', user, P),
      expect('iam-user-unused-credentials-90d', user, P),
      expect('iam-user-unused-credentials-45d', user, P),
      expect('iam-user-single-active-access-key', user, single),
      expect('iam-user-no-initial-access-key', user, initial),
      expect('iam-cloudshell-full-access-not-attached', user, cloudshell),
    ]);
    return [
      ...perUser,
      expect('iam-cloudshell-full-access-not-attached', 'iam-developers', P),
      expect('iam-cloudshell-full-access-not-attached', 'iam-support', P),
      expect('iam-cloudshell-full-access-not-attached', 'iam-shell', F),
      expect('iam-cloudshell-full-access-not-attached', 'iam-shell-role', F),
      expect('iam-cloudshell-full-access-not-attached', 'iam-app-role', P),
      expect('iam-policy-no-full-admin', 'iam-s3-read', P),
      expect('iam-policy-no-full-admin', 'iam-full-admin', F),
      expect('iam-policy-no-full-admin', 'iam-spare-admin', F),
      expect('iam-server-certificate-not-expired', 'iam-web-cert', F),
      expect('iam-support-role-exists', ACCOUNT, F),
      expect('account-security-contact-registered', ACCOUNT, F),
      expect('iam-root-hardware-mfa-enabled', ACCOUNT, F),
      ...PASSWORD_COMPLEXITY_RULES.map((rule) => expect(rule, ACCOUNT, F)),
      expect('iam-external-access-analyzer-enabled', ACCOUNT, 'NOT_AVAILABLE', 'us-east-1'),
      expect('iam-external-access-analyzer-enabled', ACCOUNT, 'NOT_AVAILABLE', 'eu-west-1'),
    ];
  },
};
