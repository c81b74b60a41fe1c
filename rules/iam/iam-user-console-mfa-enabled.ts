import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { ROOT_USER } from '../../src/data/credential-report.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { iamUserResource } from '../lib/resources.js';

export default defineRule({
  id: 'iam-user-console-mfa-enabled',
  title: 'MFA should be enabled for all IAM users that have a console password',
  securityHubControlId: 'IAM.5',
  severity: 'MEDIUM',
  cis: { '1.2.0': '1.2', '1.4.0': '1.10', '3.0.0': '1.10', '5.0.0': '1.9', '6.0.0': '2.9', '7.0.0': '2.10' },
  scope: 'account',
  resourceType: 'AwsIamUser',
  requiredActions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  reasonCodes: {
    CONSOLE_MFA_ENABLED: 'The user has a console password and an MFA device.',
    NO_CONSOLE_PASSWORD: 'The user has no console password.',
    CONSOLE_MFA_MISSING: 'The user has a console password and no MFA device.',
  },
  remediation: withSteps('iam-user-console-mfa-enabled', securityHubRemediation(
    'IAM.5',
    'Assign an MFA device to every IAM user that can sign in to the console, or remove the console password of users that do not need it.',
  ), {
    change: 'Give the console user an MFA device (IAM, global): create a virtual device, scan its seed into an authenticator app, then enable it with two consecutive codes. Or remove the console password of a user that does not need it (delete-login-profile).',
    cli: [
      'aws iam create-virtual-mfa-device --virtual-mfa-device-name {{resource}} --outfile {{resource}}-mfa.png --bootstrap-method QRCodePNG',
      'aws iam enable-mfa-device --user-name {{resource}} --serial-number arn:{{partition}}:iam::{{account}}:mfa/{{resource}} --authentication-code1 {{code1}} --authentication-code2 {{code2}}',
    ],
    cannot: 'Neither CloudFormation nor Terraform can activate an MFA device: it needs two codes from the device.',
    inputs: {
      code1: { default: '123456', means: 'The first code the device shows.' },
      code2: { default: '654321', means: 'The next code.' },
    },
  }),
  async evaluate({ data }) {
    const report = await data.iam.credentialReport();
    return report.rows
      .filter((row) => row.user !== ROOT_USER)
      .map((row) => {
        const resource = iamUserResource(row.arn, row.user);
        const evidence = {
          password_enabled: row.passwordEnabled,
          mfa_active: row.mfaActive,
          reportGeneratedAt: report.generatedTime,
        };
        if (row.passwordEnabled !== true) return pass(resource, `User ${row.user} has no console password.`, { reasonCode: 'NO_CONSOLE_PASSWORD', evidence });
        if (row.mfaActive) return pass(resource, `User ${row.user} has a console password and MFA.`, { reasonCode: 'CONSOLE_MFA_ENABLED', evidence });
        return fail(resource, `User ${row.user} has a console password but no MFA device.`, { reasonCode: 'CONSOLE_MFA_MISSING', evidence });
      });
  },
});
