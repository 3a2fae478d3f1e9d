import { parseArgs } from 'node:util';
import { createAdminClient } from '../client/create-admin-client.js';
import { meetsThreshold } from '../report/coverage-report.js';
import { coverageTable } from '../report/coverage-table.js';
import { COVERAGE_NOT_MET } from './exit-status.js';
import { percentFlag } from './run-flags.js';
import { UsageError } from './usage-error.js';
import { COVERAGE_USAGE } from './usage.js';

/**
 * `audit-events-mock coverage --url <mock>`: prints a running mock's coverage as a table (or its
 * JSON with `--json`), of every request or of one `--session`. Returns the exit status:
 * {@link COVERAGE_NOT_MET} below `--min-coverage`.
 */
export async function coverage(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      url: { type: 'string' },
      session: { type: 'string' },
      json: { type: 'boolean' },
      'min-coverage': { type: 'string' },
      'admin-token': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    out.write(COVERAGE_USAGE);
    return 0;
  }
  const url = values.url ?? env['AUDIT_EVENTS_MOCK_URL'];
  if (url === undefined || !/^https?:\/\/[^/]/.test(url))
    throw new UsageError(
      'coverage needs --url <mock>, e.g. --url http://127.0.0.1:4010 (or AUDIT_EVENTS_MOCK_URL).',
    );
  const min =
    values['min-coverage'] === undefined
      ? undefined
      : percentFlag('min-coverage', values['min-coverage']);
  const token = values['admin-token'] ?? env['MOCK_ADMIN_TOKEN'];
  const report = await createAdminClient({
    url,
    ...(values.session === undefined ? {} : { session: values.session }),
    ...(token === undefined ? {} : { token }),
  }).coverage();
  out.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : coverageTable(report));
  if (min === undefined || meetsThreshold(report, min)) return 0;
  err.write(
    `audit-events-mock coverage: ${report.percent}% of the contract's outcomes covered, below --min-coverage ${min}\n`,
  );
  return COVERAGE_NOT_MET;
}
