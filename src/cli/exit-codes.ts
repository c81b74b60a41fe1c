/** The help text that explains hubcheck's exit codes (the rule that picks one is src/domain/exit-code.ts). */

export const EXIT_CODES_HELP = `Exit codes:
  0  clean: nothing reached --fail-on or --fail-on-new, and every check was evaluated
  1  a FAILED finding (not suppressed) at or above --fail-on, or new or reopened
     since the previous scan at or above --fail-on-new
  2  bad usage, a bad config or suppressions file, or a bad input file
  3  the scan finished but some checks (or accounts) could not be evaluated, some
     findings could not be sent to Security Hub, or the scan could not run (no
     credentials, nothing to scan: no account, Region or rule; the state lock
     held by another run). 3 outranks 1.`;
