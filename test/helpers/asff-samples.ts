/** The smallest finding Security Hub accepts, as a user would write it by hand. */
export const minimal = () => ({
  SchemaVersion: '2018-10-08',
  Id: 'custom-1',
  ProductArn: 'arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default',
  GeneratorId: 'my-scanner',
  AwsAccountId: '123456789012',
  Types: ['Software and Configuration Checks'],
  CreatedAt: '2026-11-27T10:00:00Z',
  UpdatedAt: '2026-11-27T10:00:00Z',
  Severity: { Label: 'LOW' },
  Title: 'Something to look at',
  Description: 'A longer explanation.',
  Resources: [{ Type: 'Other', Id: 'my-thing' }],
});

