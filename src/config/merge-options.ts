import { isRecord } from '../core/is-record.js';
import type { MockConfig } from './mock-options.js';

function merge(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const under = out[key];
    // Objects merge key by key; anything else (lists included) replaces what is under it.
    out[key] = isRecord(under) && isRecord(value) ? merge(under, value) : value;
  }
  return out;
}

/** Later layers win key by key: `mergeOptions(file, env, flags)` is flags > environment > file. */
export function mergeOptions(...layers: readonly MockConfig[]): MockConfig {
  return layers.reduce<Record<string, unknown>>(
    (merged, layer) => merge(merged, { ...layer }),
    {},
  ) as MockConfig;
}
