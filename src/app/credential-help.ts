/**
 * The one line printed when the SDK finds no credentials: which sources the default
 * chain tried, in its order, and how to provide one. The sources depend on the
 * environment (a profile, files moved by AWS_CONFIG_FILE, metadata turned off), so the
 * line names the ones that were really tried.
 */
import { homedir } from 'node:os';
import path from 'node:path';

export function credentialSources(profile: string | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  const named = profile ?? env.AWS_PROFILE;
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE || path.join(homedir(), '.aws', 'credentials');
  const configFile = env.AWS_CONFIG_FILE || path.join(homedir(), '.aws', 'config');
  const files = `profile "${named ?? 'default'}" in ${credentialsFile} and ${configFile} (keys, SSO, credential_process, role)`;
  // With a profile, the SDK's chain reads only that profile.
  if (profile) return [files];
  const sources = ['environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY', files];
  sources.push('web identity (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN)');
  sources.push('container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI)');
  if (env.AWS_EC2_METADATA_DISABLED?.toLowerCase() !== 'true') sources.push('EC2 instance metadata');
  return sources;
}

export function noCredentialsMessage(profile: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return (
    `no AWS credentials: tried ${credentialSources(profile, env).join('; ')}. ` +
    'Set AWS_PROFILE or --profile to a configured profile, export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where a role is attached ' +
    '(`hubcheck demo` needs none)'
  );
}
