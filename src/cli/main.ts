import { setFlagsFromString } from 'node:v8';
import { VERSION } from '../core/version.js';
import { isUsageProblem, MockError } from '../core/mock-error.js';
import { UsageError } from './usage-error.js';
import {
  COVERAGE_USAGE,
  DIFF_SPEC_USAGE,
  GENERATE_USAGE,
  RUN_USAGE,
  SERVE_USAGE,
  SPEC_USAGE,
  USAGE,
  VALIDATE_USAGE,
  VERIFY_USAGE,
} from './usage.js';
import { heapFlags } from './heap-flags.js';
import type { StartedBy } from './watch-parent.js';
import { startedBy, watchParent } from './watch-parent.js';

const COMMANDS = [
  'serve',
  'run',
  'coverage',
  'validate',
  'generate',
  'diff-spec',
  'verify',
  'spec',
] as const;
type Command = (typeof COMMANDS)[number];
const USAGES: Record<Command, string> = {
  serve: SERVE_USAGE,
  run: RUN_USAGE,
  coverage: COVERAGE_USAGE,
  validate: VALIDATE_USAGE,
  generate: GENERATE_USAGE,
  'diff-spec': DIFF_SPEC_USAGE,
  verify: VERIFY_USAGE,
  spec: SPEC_USAGE,
};

export { USAGE };

function isParseArgsError(error: unknown): error is TypeError {
  return (
    error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')
  );
}

/**
 * What went wrong, as a short message, and the exit code for it: 2 for the user's mistakes (usage,
 * options), 1 for what stops the mock at run time (spec, fixtures, port); anything that is not a
 * {@link MockError} is a defect of the mock, reported with its stack.
 */
export function describeFailure(error: unknown): { message: string; code: number } {
  if (error instanceof MockError)
    return { message: error.message, code: isUsageProblem(error) ? 2 : 1 };
  if (isParseArgsError(error)) return { message: `${error.message}\n\n${USAGE}`, code: 2 };
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return {
    message: `internal error (a defect of the mock; please report it with this trace):\n${stack}`,
    code: 1,
  };
}

async function run(
  command: Command,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  parent: StartedBy,
): Promise<number | undefined> {
  // Commands load on demand: --help, --version and validate need neither Express nor the generator.
  switch (command) {
    case 'validate':
      return (await import('./validate-command.js')).validate(args, process.stdout, process.stderr);
    case 'generate':
      return (await import('./generate-command.js')).generate(args, process.stdout, process.stderr);
    case 'diff-spec':
      return (await import('./diff-spec-command.js')).diffSpec(args, process.stdout);
    case 'verify':
      return (await import('./verify-command.js')).verify(args, env, process.stdout);
    case 'coverage':
      return (await import('./coverage-command.js')).coverage(
        args,
        env,
        process.stdout,
        process.stderr,
      );
    case 'run':
      for (const flag of heapFlags(process.execArgv)) setFlagsFromString(flag);
      return (await import('./run-command.js')).run(
        args,
        env,
        { out: process.stdout, err: process.stderr },
        parent,
      );
    case 'spec':
      return (await import('./spec-command.js')).spec(args, process.stdout);
    case 'serve': {
      const { serve, serveOptions } = await import('./serve-command.js');
      const options = serveOptions(args, env);
      if (options === undefined) {
        process.stdout.write(SERVE_USAGE);
        return 0;
      }
      for (const flag of heapFlags(process.execArgv)) setFlagsFromString(flag);
      const started = serve(options, process.stdout);
      // Installed before the start-up lines are written, so a signal right after them is honoured.
      const stop = () =>
        void started.then(({ server }) => server.close()).finally(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const { engine } = await started;
      // Killing the process that started the server (npm start, npx) stops it too; said in the
      // log, so the line follows --log-format.
      if (!args.includes('--no-parent-watch'))
        watchParent(parent, () => {
          engine.logger.info?.('the process that started it exited; stopping');
          stop();
        });
      return undefined;
    }
    default:
      throw new Error(
        `Unknown command "${String(command satisfies never)}"; use ${COMMANDS.join(', ')}.`,
      );
  }
}

/**
 * Runs the command line: returns an exit code, or `undefined` while a server keeps running.
 * Only this module (and the bin) talks to the process.
 */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<number | undefined> {
  // Noted before anything slow, so a parent that exits during start-up is still noticed.
  const parent = startedBy();
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
  try {
    return await run(command, args, env, parent);
  } catch (error) {
    if (isParseArgsError(error)) {
      const first = error.message.split('. ')[0] ?? error.message;
      const help = command === 'serve' ? '--help' : `${command} --help`;
      throw new UsageError(
        `${first.replace(/\.$/, '')}. Run audit-events-mock ${help} for the options.\n\n${USAGES[command]}`,
      );
    }
    throw error;
  }
}
