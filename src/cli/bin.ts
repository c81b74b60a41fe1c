#!/usr/bin/env node
/** The `hubcheck` executable. */

// The SDK warns on Node 20 that its releases after January 2027 need Node 22.
// hubcheck pins an SDK that runs on Node 20, so the warning is noise for users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// A reader that stops early (`hubcheck rules | head`) closes the pipe: nothing is left to
// say, so exit quietly instead of dying on EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const { main } = await import('./main.js');
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
