/**
 * Errors that decide how a command ends, raised anywhere and handled by the CLI:
 * a one-line usage error (exit 2) or a scan that could not run at all (exit 3).
 * A leaf module: it imports nothing from the project.
 */

/** Bad flags, bad config, bad input files: a one-line message and exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The scan could not run at all (no identity, the state lock held elsewhere): one line, exit 3. */
export class FatalScanError extends Error {
  override readonly name = 'FatalScanError';
}
