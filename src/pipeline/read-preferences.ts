import type { ForcedStatus } from './forced-status.js';
import { FORCED_STATUSES, isForcedStatus } from './forced-status.js';
import { parsePreferHeader } from './parse-prefer-header.js';

/** What a consumer asked for on one request. */
export interface Preferences {
  /** Answer with this status (`Prefer: code=422`, `?__code=422`). */
  readonly code?: ForcedStatus;
  /** Answer with this fixture's response (`Prefer: example=evt_login_failed`). */
  readonly example?: string;
  /** `true`: a generated event even where a fixture exists; `false`: the default behaviour. */
  readonly dynamic?: boolean;
}

export type PreferencesResult =
  | { readonly ok: true; readonly preferences: Preferences; readonly applied: readonly string[] }
  | { readonly ok: false; readonly detail: string };

/** The preference names the mock knows; any other is ignored, as RFC 7240 asks. */
export const KNOWN_PREFERENCES = ['code', 'example', 'dynamic'] as const;
type Known = (typeof KNOWN_PREFERENCES)[number];

function rawPreferences(
  prefer: string | undefined,
  query: URLSearchParams,
): Map<Known, { value: string; from: string }> {
  const raw = new Map<Known, { value: string; from: string }>();
  const header = parsePreferHeader(prefer);
  for (const name of KNOWN_PREFERENCES) {
    const fromQuery = query.get(`__${name}`);
    const fromHeader = header.get(name);
    // A query parameter is the more specific ask (for clients that cannot set headers), so it wins.
    if (fromQuery !== null)
      raw.set(name, { value: fromQuery, from: `query parameter __${name}=${fromQuery}` });
    else if (fromHeader !== undefined)
      raw.set(name, { value: fromHeader, from: `Prefer: ${name}=${fromHeader}` });
  }
  return raw;
}

/**
 * Reads `Prefer` (RFC 7240) and the `__code`, `__example`, `__dynamic` query parameters. A known
 * preference with a value the mock cannot honour is an error naming it and what is supported;
 * unknown preferences (`return=minimal`, `respond-async`) are ignored.
 */
export function readPreferences(
  prefer: string | undefined,
  query: URLSearchParams,
  exampleIds: () => readonly string[],
): PreferencesResult {
  const raw = rawPreferences(prefer, query);
  const preferences: { code?: ForcedStatus; example?: string; dynamic?: boolean } = {};
  const applied: string[] = [];
  for (const [name, { value, from }] of raw) {
    switch (name) {
      case 'code': {
        const code = /^\d{3}$/.test(value) ? Number(value) : Number.NaN;
        if (!isForcedStatus(code))
          return {
            ok: false,
            detail: `${from} is not supported; code can be one of ${FORCED_STATUSES.join(', ')}.`,
          };
        preferences.code = code;
        break;
      }
      case 'example': {
        const ids = exampleIds();
        if (!ids.includes(value))
          return {
            ok: false,
            detail: `${from} names no fixture; example can be one of ${ids.join(', ')}.`,
          };
        preferences.example = value;
        break;
      }
      case 'dynamic':
        if (value !== 'true' && value !== 'false')
          return { ok: false, detail: `${from} is not supported; dynamic can be true or false.` };
        preferences.dynamic = value === 'true';
        break;
      default:
        throw new Error(`Unknown preference "${String(name satisfies never)}".`);
    }
    applied.push(`${name}=${value}`);
  }
  return { ok: true, preferences, applied };
}
