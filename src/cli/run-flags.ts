import { parseArgs } from 'node:util';
import { OptionsError } from '../config/options-error.js';
import type { PactVersion } from '../report/pact-document.js';
import { UsageError } from './usage-error.js';

/** The flags `run` adds to `serve`'s. */
export const RUN_FLAGS = {
  'coverage-json': { type: 'string' },
  junit: { type: 'string' },
  summary: { type: 'string' },
  'pact-dir': { type: 'string' },
  'pact-consumer': { type: 'string' },
  'pact-provider': { type: 'string' },
  'pact-version': { type: 'string' },
  'min-coverage': { type: 'string' },
} as const;

/** What `run` does besides serving: the command, the reports and the threshold. */
export interface RunSettings {
  readonly command: readonly string[];
  readonly coverageJson: string | undefined;
  readonly junit: string | undefined;
  readonly summary: string | undefined;
  readonly pactDir: string | undefined;
  readonly pactConsumer: string | undefined;
  readonly pactProvider: string | undefined;
  readonly pactVersion: PactVersion;
  readonly minCoverage: number | undefined;
}

/** A percentage from 0 to 100, such as `80` or `62.5`. */
export function percentFlag(flag: string, text: string): number {
  const value = Number(text);
  if (!/^\d{1,3}(\.\d{1,6})?$/.test(text) || value > 100)
    throw new OptionsError(
      `--${flag} must be a percentage from 0 to 100, such as 80, got "${text}".`,
    );
  return value;
}

/**
 * Splits `run`'s command line: its own flags, `serve`'s flags (returned as they are, for
 * `serveOptions`) and, after `--`, the command to run.
 */
export function readRunArgs(args: readonly string[]): {
  settings: RunSettings;
  serveArgs: string[];
} {
  const dash = args.indexOf('--');
  const command = dash === -1 ? [] : args.slice(dash + 1);
  if (command.length === 0 && !args.includes('--help') && !args.includes('-h'))
    throw new UsageError(
      'run needs the command to run after --, e.g. audit-events-mock run -- npm test.',
    );
  const own: string[] = [];
  const serveArgs: string[] = [];
  const flags = dash === -1 ? args : args.slice(0, dash);
  for (let index = 0; index < flags.length; index += 1) {
    const arg = flags[index] ?? '';
    const name = arg.startsWith('--') ? arg.slice(2).split('=')[0] : undefined;
    if (name === undefined || !(name in RUN_FLAGS)) serveArgs.push(arg);
    else if (arg.includes('=')) own.push(arg);
    else own.push(arg, flags[(index += 1)] ?? '');
  }
  const { values } = parseArgs({ args: own, options: RUN_FLAGS, strict: true });
  const version = values['pact-version'] ?? '3';
  if (version !== '3' && version !== '4')
    throw new OptionsError(`--pact-version must be 3 or 4, got "${version}".`);
  return {
    serveArgs,
    settings: {
      command,
      coverageJson: values['coverage-json'],
      junit: values.junit,
      summary: values.summary,
      pactDir: values['pact-dir'],
      pactConsumer: values['pact-consumer'],
      pactProvider: values['pact-provider'],
      pactVersion: version === '3' ? 3 : 4,
      minCoverage:
        values['min-coverage'] === undefined
          ? undefined
          : percentFlag('min-coverage', values['min-coverage']),
    },
  };
}
