import { pino } from 'pino';
import type { DestinationStream, Logger } from 'pino';
import type { LogOptions, MockLogger } from '../config/mock-options.js';

const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
const OMITTED = new Set(['level', 'time', 'msg', 'pid', 'hostname']);

/** One pino JSON line as a short line for a person at a terminal. */
export function prettyLine(json: string): string {
  const record = JSON.parse(json) as Record<string, unknown>;
  const time = new Date(Number(record['time'])).toISOString().slice(11, 23);
  const level = LEVEL_NAMES[Number(record['level'])] ?? 'LOG';
  if (record['msg'] === 'request') {
    const { method, path, status, source, latencyMs } = record;
    return `${time} ${level} ${String(method)} ${String(path)} ${String(status)} ${String(source)} ${Number(latencyMs).toFixed(1)}ms\n`;
  }
  const rest = Object.entries(record).filter(([key]) => !OMITTED.has(key));
  return `${time} ${level} ${String(record['msg'] ?? '')}${rest.length ? ` ${JSON.stringify(Object.fromEntries(rest))}` : ''}\n`;
}

/** How often buffered JSON lines reach standard output at the latest. */
const FLUSH_EVERY_MS = 100;

/**
 * Standard output for JSON lines, written in blocks rather than one system call per request (the
 * log is otherwise a tenth of the cost of an answer); flushed every 100 ms, and at exit.
 */
function bufferedStdout(): DestinationStream {
  const destination = pino.destination({ dest: 1, sync: false, minLength: 8_192 });
  setInterval(() => destination.flush(), FLUSH_EVERY_MS).unref();
  process.once('exit', () => destination.flushSync());
  return destination;
}

/** A stream that may be a terminal. */
export type LogStream = NodeJS.WritableStream & { readonly isTTY?: boolean };

/**
 * A pino logger writing to `stream`: JSON lines, or short pretty lines; `auto` is pretty on a
 * terminal, else JSON.
 * @example createLogger({ level: 'info', format: 'auto' }, process.stdout)
 */
export function createLogger(options: Required<LogOptions>, stream: LogStream): Logger {
  const format =
    options.format === 'auto' ? (stream.isTTY === true ? 'pretty' : 'json') : options.format;
  if (format === 'json' && stream === process.stdout)
    return pino({ level: options.level, base: null }, bufferedStdout());
  const destination =
    format === 'json' ? stream : { write: (line: string) => stream.write(prettyLine(line)) };
  return pino({ level: options.level, base: null }, destination);
}

/** The mock's logger interface over a pino logger: requests at info, problems at error. */
export function mockLogger(log: Logger): MockLogger {
  return {
    error: (message, fields) => log.error(fields ?? {}, message),
    info: (message, fields) => log.info(fields ?? {}, message),
    request: (entry) => log.info(entry, 'request'),
  };
}

const SEVERITY = { fatal: 60, error: 50, warn: 40, info: 30, debug: 20, silent: Infinity } as const;

/** A logger given by the caller, with `log.level` applied: requests and infos at info, errors at error. */
export function filteredLogger(
  logger: MockLogger,
  level: Required<LogOptions>['level'],
): MockLogger {
  const least = SEVERITY[level];
  const info = logger.info;
  const request = logger.request;
  return {
    error: (message, fields) => {
      if (SEVERITY.error >= least) logger.error(message, fields);
    },
    ...(info && SEVERITY.info >= least
      ? {
          info: (message: string, fields?: Readonly<Record<string, unknown>>) =>
            info.call(logger, message, fields),
        }
      : {}),
    ...(request && SEVERITY.info >= least
      ? { request: (entry: Parameters<typeof request>[0]) => request.call(logger, entry) }
      : {}),
  };
}

/** The same logger without its line per request. */
export function withoutRequests(logger: MockLogger): MockLogger {
  const info = logger.info;
  return {
    error: (message, fields) => logger.error(message, fields),
    ...(info
      ? {
          info: (message: string, fields?: Readonly<Record<string, unknown>>) =>
            info.call(logger, message, fields),
        }
      : {}),
  };
}
