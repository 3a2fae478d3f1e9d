import { SpecError } from '../contract/load-spec.js';
import { FixtureLoadError } from '../fixtures/fixture-problem.js';
import { ListenError } from '../start-server.js';
import { VERSION } from '../version.js';
import { generate, GENERATE_USAGE } from './generate-command.js';
import { serve, SERVE_USAGE, serveSettings } from './serve-command.js';
import { SettingsError } from './serve-settings.js';
import { validate, VALIDATE_USAGE } from './validate-command.js';

const COMMANDS = ['serve', 'validate', 'generate'] as const;

export const USAGE = `Usage: audit-events-mock <command> [options]

Commands:
  serve       run the mock server (the default command)
  validate    check fixture files against the spec
  generate    write realistic events as fixtures or NDJSON

audit-events-mock <command> --help shows a command's options; --version the version.

${SERVE_USAGE}`;

/** What went wrong, as one line, and the exit code for it: 2 for usage, 1 for everything else. */
export function describeFailure(error: unknown): { message: string; code: number } {
  if (
    error instanceof TypeError &&
    'code' in error &&
    String(error.code).startsWith('ERR_PARSE_ARGS')
  ) {
    return { message: `${error.message}. Run audit-events-mock --help for the options.`, code: 2 };
  }
  if (error instanceof SettingsError || error instanceof RangeError)
    return { message: error.message, code: 2 };
  if (
    error instanceof SpecError ||
    error instanceof FixtureLoadError ||
    error instanceof ListenError
  )
    return { message: error.message, code: 1 };
  return {
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    code: 1,
  };
}

/**
 * Runs the command line: returns an exit code, or `undefined` while a server keeps running.
 * Only this module (and the bin) talks to the process.
 */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<number | undefined> {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const command = COMMANDS.find((name) => name === first) ?? 'serve';
  const args = command === first ? rest : argv;
  switch (command) {
    case 'validate':
      return validate(args, process.stdout, process.stderr);
    case 'generate':
      return generate(args, process.stdout, process.stderr);
    case 'serve': {
      const settings = serveSettings(args, env);
      if (settings === undefined) {
        process.stdout.write(SERVE_USAGE);
        return 0;
      }
      const server = await serve(settings, process.stdout);
      const stop = () => void server.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return undefined;
    }
    default:
      throw new Error(
        `Unknown command "${String(command satisfies never)}"; use ${COMMANDS.join(', ')}. ${VALIDATE_USAGE}${GENERATE_USAGE}`,
      );
  }
}
