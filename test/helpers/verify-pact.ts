import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { runNode } from './cli-process.js';
import { ROOT } from './paths.js';

/** What the Pact verifier reports (the parts the tests read). */
export interface PactVerification {
  readonly result: boolean;
  readonly interactionResults: readonly {
    readonly description: string;
    readonly result: 'OK' | 'Error';
  }[];
  readonly errors: readonly { readonly interaction: string; readonly mismatch: unknown }[];
  /** The verifier's printed report, without its colours. */
  readonly report: string;
  readonly milliseconds: number;
}

/**
 * Verifies the pact file against the provider at `base` with the official Pact verifier, in a
 * child process (its report is printed by native code and would otherwise fill the test output).
 */
export async function verifyPact(
  base: string,
  pact: string,
  dir: string,
): Promise<PactVerification> {
  const out = join(dir, `verification-${Date.now()}-${Math.random()}.json`);
  const started = Date.now();
  const run = await runNode([join(ROOT, 'test/helpers/pact-verifier.mjs'), base, pact, out], {
    env: { PACT_DO_NOT_TRACK: 'true' },
    timeoutMs: 60_000,
  });
  const milliseconds = Date.now() - started;
  let parsed: Omit<PactVerification, 'report' | 'milliseconds'> & { error?: string };
  try {
    parsed = JSON.parse(readFileSync(out, 'utf8')) as typeof parsed;
  } catch {
    throw new Error(`the verifier wrote no result; stdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
  if (parsed.error !== undefined) throw new Error(`the verifier failed: ${parsed.error}`);
  return { ...parsed, report: stripVTControlCharacters(run.stdout), milliseconds };
}
