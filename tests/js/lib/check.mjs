// Tiny reporting helpers: every check prints what it verified, failures exit non-zero with the reason.
import assert from 'node:assert/strict';

let checks = 0;

/** Runs one named check; prints `ok <name>` or rethrows with the name in front. */
export async function check(name, fn) {
  try {
    const detail = await fn();
    checks++;
    console.log(`ok ${name}${detail ? ` (${detail})` : ''}`);
  } catch (e) {
    const err = new Error(`FAILED ${name}: ${e?.stack ?? e}`);
    err.cause = e;
    throw err;
  }
}

export function checkCount() {
  return checks;
}

/** Wraps a scenario's main function: prints the summary, sets the exit code, never leaves a hanging process. */
export function runMain(name, main) {
  const started = Date.now();
  main()
    .then(() => {
      console.log(`PASS ${name}: ${checks} checks in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      process.exit(0);
    })
    .catch((e) => {
      console.error(e?.stack ?? String(e));
      if (e?.cause) console.error('cause:', e.cause);
      console.error(`FAIL ${name} after ${checks} passing checks`);
      process.exit(1);
    });
}

/**
 * Captures console.warn while the official client is constructed: its compatibility check only warns, so a warning
 * about the server version (or about failing to get it) is a failed compatibility check.
 */
export function captureWarnings() {
  const warnings = [];
  const original = console.warn;
  console.warn = (...args) => {
    warnings.push(args.map(String).join(' '));
    original(...args);
  };
  return warnings;
}

export { assert };
