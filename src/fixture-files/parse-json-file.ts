import { jsonDeeperThan, MAX_JSON_DEPTH } from '../core/json-depth.js';
import type { FixtureProblem } from './fixture-problem.js';

/** Parsed JSON, or the problem that stops it being read (with a line and column). */
export type ParsedFile =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: FixtureProblem };

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** Parses a fixture file's text; a byte-order mark is allowed, anything else that is not JSON is a problem. */
export function parseJsonFile(file: string, text: string): ParsedFile {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (jsonDeeperThan(body))
    return {
      ok: false,
      problem: {
        file,
        pointer: '',
        message: `nests deeper than ${MAX_JSON_DEPTH} levels; flatten it`,
        rule: 'depth',
      },
    };
  try {
    const value: unknown = JSON.parse(body);
    return { ok: true, value };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(reason)?.[1];
    const where = position === undefined ? '' : ` at ${lineAndColumn(body, Number(position))}`;
    return {
      ok: false,
      problem: {
        file,
        pointer: '',
        message: `is not valid JSON${where}: ${reason.replace(/ in JSON at position \d+.*$/, '')}`,
        rule: 'json',
      },
    };
  }
}
