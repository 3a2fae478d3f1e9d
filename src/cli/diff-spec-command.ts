import { parseArgs } from 'node:util';
import { diffSpecs } from '../contract/diff-spec.js';
import { loadSpecSource } from '../contract/load-spec-source.js';
import { SpecError } from '../contract/spec-error.js';
import { optionDefault } from '../contract/option-default.js';
import { formatSpecDiff, specDiffReport } from '../drift/spec-diff-report.js';
import { decimalFlag } from './serve-flags.js';
import { UsageError } from './usage-error.js';
import { DIFF_SPEC_USAGE } from './usage.js';

/**
 * Runs `diff-spec <old> <new>`: the changes to the operation's contract, as a table or `--json`.
 * Exits 1 when a change breaks consumers, 0 otherwise.
 */
export async function diffSpec(
  args: readonly string[],
  out: NodeJS.WritableStream,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      json: { type: 'boolean' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    out.write(DIFF_SPEC_USAGE);
    return 0;
  }
  const [old, now] = positionals;
  if (old === undefined || now === undefined || positionals.length > 2)
    throw new UsageError(
      `diff-spec takes two specs, the old and the new (files or URLs); got ${positionals.length}.`,
    );
  const timeoutMs =
    values.timeout === undefined
      ? Number(optionDefault('specTimeoutMs'))
      : decimalFlag('timeout', values.timeout);
  // A spec that cannot be read exits 2, so that 1 always means "a change breaks consumers".
  const [before, after] = await Promise.all([
    loadSpecSource(old, timeoutMs),
    loadSpecSource(now, timeoutMs),
  ]).catch((error: unknown) => {
    throw error instanceof SpecError ? new UsageError(error.message, { cause: error }) : error;
  });
  const report = specDiffReport(old, now, diffSpecs(before.document, after.document));
  out.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatSpecDiff(report));
  return report.breaking > 0 ? 1 : 0;
}
