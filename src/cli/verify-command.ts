import { parseArgs } from 'node:util';
import { mergeOptions } from '../config/merge-options.js';
import { optionsFromEnv } from '../config/options-from-env.js';
import { readConfigFile } from '../config/read-config-file.js';
import { resolveOptions } from '../config/resolve-options.js';
import { loadSpecSource } from '../contract/load-spec-source.js';
import { verifyProvider } from '../drift/verify-provider.js';
import { formatVerifyReport, junitVerifyReport } from '../drift/verify-report.js';
import { assembleMock } from '../library/assemble-mock.js';
import { decimalFlag, optionsFromFlags, SERVE_FLAGS } from './serve-flags.js';
import { UsageError } from './usage-error.js';
import { VERIFY_USAGE } from './usage.js';

const VERIFY_FLAGS = {
  ...SERVE_FLAGS,
  provider: { type: 'string' },
  token: { type: 'string' },
  'api-key': { type: 'string' },
  'event-id': { type: 'string', multiple: true },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  junit: { type: 'boolean' },
} as const;

function providerUrl(text: string | undefined): URL {
  if (text === undefined)
    throw new UsageError('verify needs --provider <url>, e.g. --provider http://127.0.0.1:8000.');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--provider "${text}" is not a URL; give one like http://127.0.0.1:8000.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--provider must be an http or https URL, got "${text}".`);
  return url;
}

/**
 * Runs `verify --provider <url>`: the probe set against the provider and the mock (configured by
 * the same flags and config file as `serve`), and the provider's spec against the mock's. Prints a
 * table, `--json` or `--junit`; exits 1 on any drift, 0 when none.
 */
export async function verify(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  out: NodeJS.WritableStream,
): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: VERIFY_FLAGS,
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    out.write(VERIFY_USAGE);
    return 0;
  }
  const provider = providerUrl(values.provider);
  if (values.json && values.junit)
    throw new UsageError('verify prints one of --json or --junit, not both.');
  const file = values.config === undefined ? {} : readConfigFile(values.config);
  const options = mergeOptions(file, optionsFromEnv(env), optionsFromFlags(values));
  const resolved = resolveOptions(options);
  const spec = await loadSpecSource(resolved.spec, resolved.specTimeoutMs);
  // The mock's engine answers in this process; nothing listens and nothing is logged per request.
  const { engine } = assembleMock(
    { ...options, admin: { enabled: false } },
    () => undefined,
    process.stderr,
    spec,
  );
  const report = await verifyProvider({
    provider,
    engine,
    token: values.token,
    apiKey: values['api-key'],
    eventIds: values['event-id'] ?? [],
    timeoutMs: values.timeout === undefined ? 10_000 : decimalFlag('timeout', values.timeout),
  });
  out.write(
    values.json
      ? `${JSON.stringify(report, null, 2)}\n`
      : values.junit
        ? junitVerifyReport(report)
        : formatVerifyReport(report),
  );
  return report.drift === 0 ? 0 : 1;
}
