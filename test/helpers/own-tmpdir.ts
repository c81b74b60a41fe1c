/**
 * Every test file gets its own temporary directory. A scan keeps its history in
 * hubcheck-state.sqlite beside its output directory, so tests that write to
 * mkdtemp(tmpdir()) would otherwise share one state file (and its lock) with
 * every other test on the machine.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

process.env.HUBCHECK_TEST_TMP_BASE ??= tmpdir();
process.env.TMPDIR = mkdtempSync(path.join(process.env.HUBCHECK_TEST_TMP_BASE, 'hubcheck-test-'));
