import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { serverCertificateResource } from '../lib/resources.js';

export default defineRule({
  id: 'iam-server-certificate-not-expired',
  title: 'Expired SSL/TLS certificates managed in IAM should be removed',
  securityHubControlId: 'IAM.26',
  severity: 'MEDIUM',
  cis: { '3.0.0': '1.19', '5.0.0': '1.18', '6.0.0': '2.18', '7.0.0': '2.17' },
  cisExtra: { '1.4.0': '1.19' },
  scope: 'account',
  resourceType: 'Other',
  requiredActions: ['iam:ListServerCertificates'],
  reasonCodes: {
    CERTIFICATE_VALID: 'The server certificate has not expired.',
    CERTIFICATE_EXPIRED: 'The server certificate has expired.',
    CERTIFICATE_EXPIRATION_UNKNOWN: 'The server certificate has no readable expiration date.',
  },
  remediation: withSteps('iam-server-certificate-not-expired', securityHubRemediation(
    'IAM.26',
    'Delete expired server certificates from IAM (aws iam delete-server-certificate --server-certificate-name NAME) after moving any listener that still uses them to a valid certificate.',
  ), {
    change: 'Move every load balancer or CloudFront listener that uses the expired certificate to a valid one (ACM, or a renewed IAM certificate), then delete the expired certificate from IAM (global).',
    cli: ['aws iam delete-server-certificate --server-certificate-name {{resource}}'],
    cloudformation: `# Declare the renewed certificate; remove the expired one from the template.
RenewedCertificate:
  Type: AWS::IAM::ServerCertificate
  Properties:
    ServerCertificateName: "{{resource}}-renewed"
    CertificateBody: "{{certificateBody}}"
    PrivateKey: "{{privateKey}}"
`,
    terraform: `# Declare the renewed certificate; remove the expired one from the configuration.
resource "aws_iam_server_certificate" "renewed" {
  name             = "{{resource}}-renewed"
  certificate_body = file("renewed-cert.pem")
  private_key      = file("renewed-key.pem")
}
`,
    inputs: {
      certificateBody: { default: '-----BEGIN CERTIFICATE-----', means: 'The renewed certificate, PEM (pass it as a NoEcho parameter rather than in the template).' },
      privateKey: { default: '-----BEGIN PRIVATE KEY-----', means: 'Its private key, PEM (a NoEcho parameter, never committed).' },
    },
  }),
  async evaluate({ data, now }) {
    const certificates = await data.iam.serverCertificates();
    return certificates.map((certificate) => {
      const resource = serverCertificateResource(certificate);
      const evidence = { expiration: certificate.expiration, uploadDate: certificate.uploadDate };
      const expires = certificate.expiration === null ? Number.NaN : Date.parse(certificate.expiration);
      if (Number.isNaN(expires)) {
        return fail(resource, `Server certificate ${certificate.name} has no readable expiration date.`, { reasonCode: 'CERTIFICATE_EXPIRATION_UNKNOWN', evidence });
      }
      if (expires < now.getTime()) {
        return fail(resource, `Server certificate ${certificate.name} expired on ${certificate.expiration}.`, { reasonCode: 'CERTIFICATE_EXPIRED', evidence });
      }
      return pass(resource, `Server certificate ${certificate.name} is valid until ${certificate.expiration}.`, { reasonCode: 'CERTIFICATE_VALID', evidence });
    });
  },
});
