import { accountResource, defineRule, fail, pass, type ResourceRef, type RuleResult } from '../../src/engine/rule.js';
import { awsManagedPolicyArn } from '../lib/iam-identities.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { iamGroupResource, iamRoleResource, iamUserResource } from '../lib/resources.js';

type Kind = 'user' | 'group' | 'role';

export default defineRule({
  id: 'iam-cloudshell-full-access-not-attached',
  title: 'IAM identities should not have the AWSCloudShellFullAccess policy attached',
  securityHubControlId: 'IAM.27',
  severity: 'MEDIUM',
  cis: { '3.0.0': '1.22', '5.0.0': '1.21', '6.0.0': '2.21', '7.0.0': '2.20' },
  scope: 'account',
  resourceType: ['AwsIamUser', 'AwsIamGroup', 'AwsIamRole'],
  requiredActions: ['iam:ListEntitiesForPolicy', 'iam:GetAccountAuthorizationDetails'],
  reasonCodes: {
    CLOUDSHELL_FULL_ACCESS_NOT_ATTACHED: 'The user, group or role does not have AWSCloudShellFullAccess attached.',
    NO_IAM_IDENTITIES: 'The account has no IAM users, groups or roles (one result for the account).',
    CLOUDSHELL_FULL_ACCESS_ATTACHED: 'The user, group or role has AWSCloudShellFullAccess attached.',
  },
  remediation: withSteps('iam-cloudshell-full-access-not-attached', securityHubRemediation(
    'IAM.27',
    'Detach AWSCloudShellFullAccess from the user, group or role, and grant the narrower CloudShell permissions it needs (for example without file upload and download) in a customer-managed policy.',
  ), {
    change: 'Detach the AWS managed policy AWSCloudShellFullAccess from the user, group or role (IAM, global), and grant the CloudShell actions it needs, without file upload and download, in a policy of your own.',
    cli: [
      "case {{resourceArn}} in *:user/*) aws iam detach-user-policy --user-name {{resource}} --policy-arn arn:{{partition}}:iam::aws:policy/AWSCloudShellFullAccess ;; *:group/*) aws iam detach-group-policy --group-name {{resource}} --policy-arn arn:{{partition}}:iam::aws:policy/AWSCloudShellFullAccess ;; *:role/*) aws iam detach-role-policy --role-name {{resource}} --policy-arn arn:{{partition}}:iam::aws:policy/AWSCloudShellFullAccess ;; esac",
    ],
    cloudformation: `# Remove AWSCloudShellFullAccess from ManagedPolicyArns of the user, group or
# role, and attach this narrower policy instead.
CloudShellWithoutFileTransfer:
  Type: AWS::IAM::ManagedPolicy
  Properties:
    PolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Action:
            - cloudshell:CreateEnvironment
            - cloudshell:CreateSession
            - cloudshell:GetEnvironmentStatus
            - cloudshell:StartEnvironment
            - cloudshell:StopEnvironment
            - cloudshell:DeleteEnvironment
          Resource: "*"
`,
    terraform: `# Remove the AWSCloudShellFullAccess attachment, and attach this narrower policy instead.
resource "aws_iam_policy" "cloudshell_without_file_transfer" {
  name = "cloudshell-without-file-transfer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        "cloudshell:CreateEnvironment",
        "cloudshell:CreateSession",
        "cloudshell:GetEnvironmentStatus",
        "cloudshell:StartEnvironment",
        "cloudshell:StopEnvironment",
        "cloudshell:DeleteEnvironment",
      ]
      Resource = "*"
    }]
  })
}
`,
  }),
  async evaluate({ data, account, partition }) {
    const policyArn = awsManagedPolicyArn(partition, 'AWSCloudShellFullAccess');
    const entities = await data.iam.entitiesForPolicy(policyArn);
    const details = await data.iam.authorizationDetails();
    const holders = new Set([
      ...(entities?.users ?? []).map((e) => `user/${e.name}`),
      ...(entities?.groups ?? []).map((e) => `group/${e.name}`),
      ...(entities?.roles ?? []).map((e) => `role/${e.name}`),
    ]);
    const evidence = { policyArn, policyExists: entities !== null };
    const identities: { kind: Kind; name: string; resource: ResourceRef }[] = [
      ...details.users.map((u) => ({ kind: 'user' as const, name: u.name, resource: iamUserResource(u.arn, u.name) })),
      ...details.groups.map((g) => ({ kind: 'group' as const, name: g.name, resource: iamGroupResource(g.arn, g.name) })),
      ...details.roles.map((r) => ({ kind: 'role' as const, name: r.name, resource: iamRoleResource(r.arn, r.name) })),
    ];
    // An identity created between the two reads is missing from the details: judge it with an ARN built from its name.
    const known = new Set(identities.map((i) => `${i.kind}/${i.name}`));
    for (const key of holders) {
      if (known.has(key)) continue;
      const [kind, name] = key.split('/') as [Kind, string];
      const arn = `arn:${partition}:iam::${account}:${kind}/${name}`;
      const make = { user: iamUserResource, group: iamGroupResource, role: iamRoleResource }[kind];
      identities.push({ kind, name, resource: make(arn, name) });
    }
    if (identities.length === 0) {
      return [pass(accountResource(account), 'The account has no IAM users, groups or roles, so none has AWSCloudShellFullAccess.', { reasonCode: 'NO_IAM_IDENTITIES', evidence })];
    }
    return identities.map(({ kind, name, resource }): RuleResult =>
      holders.has(`${kind}/${name}`)
        ? fail(resource, `The ${kind} ${name} has AWSCloudShellFullAccess attached.`, { reasonCode: 'CLOUDSHELL_FULL_ACCESS_ATTACHED', evidence })
        : pass(resource, `The ${kind} ${name} does not have AWSCloudShellFullAccess attached.`, { reasonCode: 'CLOUDSHELL_FULL_ACCESS_NOT_ATTACHED', evidence }),
    );
  },
});
