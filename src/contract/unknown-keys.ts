import type { Violation } from '../core/violation.js';

/** `parent` + `/key`, with `~` and `/` in the key escaped as JSON pointers require. */
export function pointerTo(parent: string, key: string): string {
  return `${parent}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

/** One violation per key of `value` that is not in `allowed`, each saying `message`. */
export function unknownKeys(
  value: Record<string, unknown>,
  allowed: ReadonlySet<string> | readonly string[],
  parent: string,
  message: string,
): Violation[] {
  const known = allowed instanceof Set ? allowed : new Set(allowed);
  return Object.keys(value)
    .filter((key) => !known.has(key))
    .map((key) => ({ pointer: pointerTo(parent, key), message, rule: 'additionalProperties' }));
}
