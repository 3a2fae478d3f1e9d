import { pino } from 'pino';
import type { DestinationStream, Logger } from 'pino';

import type { LogFormat, LogLevel } from './log-options.js';

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

/**
 * A pino logger writing to `stream`: JSON lines, or short pretty lines (the default on a terminal).
 * @example createLogger({ level: 'info', format: process.stdout.isTTY ? 'pretty' : 'json' })
 */
export function createLogger(options: {
  level: LogLevel;
  format: LogFormat;
  stream?: NodeJS.WritableStream;
}): Logger {
  const stream = options.stream ?? process.stdout;
  if (options.format === 'json' && stream === process.stdout)
    return pino({ level: options.level, base: null }, bufferedStdout());
  const destination =
    options.format === 'json'
      ? stream
      : { write: (line: string) => stream.write(prettyLine(line)) };
  return pino({ level: options.level, base: null }, destination);
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
