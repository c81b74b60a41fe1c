import { isPendingDeletion } from '../../src/data/kms.js';
import { DataUnavailable } from '../../src/data/errors.js';
import { attempt, defineRule, unavailable } from '../../src/engine/rule.js';
import { PUBLIC_PRINCIPAL_REASON_CODES, judgeResourcePolicy } from '../lib/public-principal.js';
import { ruleDocRemediation } from '../lib/remediation.js';
import { kmsKeyResource } from '../lib/resources.js';

export default defineRule({
  id: 'kms-key-policy-no-public-principal',
  title: 'KMS key policies should not allow every principal without a restricting condition',
  securityHubControlId: null,
  severity: 'HIGH',
  cis: { '7.0.0': '2.21' },
  scope: 'region',
  resourceType: 'AwsKmsKey',
  requiredActions: ['kms:ListKeys', 'kms:DescribeKey', 'kms:GetKeyPolicy'],
  reasonCodes: PUBLIC_PRINCIPAL_REASON_CODES,
  remediation: ruleDocRemediation(
    'kms',
    'kms-key-policy-no-public-principal',
    'Replace "Principal": "*" in the key policy with the accounts or roles that need the key, or add a condition on kms:CallerAccount, aws:PrincipalOrgID or aws:SourceVpce (aws kms put-key-policy --policy-name default).',
  ),
  async evaluate({ data, account }) {
    const keys = await data.kms.keyIds();
    const results = await Promise.all(
      keys.map(async (key) => {
        const metadata = await attempt(data.kms.key(key.keyId));
        if (metadata instanceof DataUnavailable) {
          // A key deleted since ListKeys has nothing to judge; any other failure leaves the key unjudged.
          return metadata.code === 'NotFoundException' ? null : unavailable(kmsKeyResource({ ...key, metadata: null }, account), metadata);
        }
        // AWS managed keys' policies are AWS's; a key pending deletion can no longer be used.
        if (metadata.KeyManager !== 'CUSTOMER' || isPendingDeletion(metadata)) return null;
        const resource = kmsKeyResource({ ...key, metadata }, account);
        const policy = await attempt(data.kms.keyPolicy(key.keyId));
        if (policy instanceof DataUnavailable) return unavailable(resource, policy);
        return judgeResourcePolicy(resource, `KMS key ${key.keyId}`, policy.document);
      }),
    );
    return results.filter((r) => r !== null);
  },
});
