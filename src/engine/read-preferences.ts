import { MAX_DELAY_MS } from '../core/limits.js';
import { listSome } from '../core/list-some.js';
import type { Fault } from '../core/fault.js';
import { FAULTS, parseFault } from '../core/fault.js';
import type { ForcedStatus } from '../core/forced-status.js';
import { FORCED_STATUSES, isForcedStatus } from '../core/forced-status.js';
import { parsePreferHeader } from './parse-prefer-header.js';

/** What a consumer asked for on one request. */
export interface Preferences {
  /** Answer with this status (`Prefer: code=422`, `?__code=422`). */
  readonly code?: ForcedStatus;
  /** Answer with this fixture's response (`Prefer: example=evt_login_failed`). */
  readonly example?: string;
  /** `true`: a generated event even where a fixture exists; `false`: the default behaviour. */
  readonly dynamic?: boolean;
  /** Wait this many milliseconds before answering (`Prefer: delay=1500`). */
  readonly delay?: number;
  /** Break the answer on the wire (`Prefer: fault=connection-reset`). */
  readonly fault?: Fault;
  /** For `fault=slow-body`: how long to dribble the body (`Prefer: fault=slow-body; duration=3000`). */
  readonly duration?: number;
}

export type PreferencesResult =
  | { readonly ok: true; readonly preferences: Preferences; readonly applied: readonly string[] }
  | { readonly ok: false; readonly detail: string };

/** The preference names the mock knows; any other is ignored, as RFC 7240 asks. */
export const KNOWN_PREFERENCES = ['code', 'example', 'dynamic', 'delay', 'fault'] as const;
type Known = (typeof KNOWN_PREFERENCES)[number];
type Raw = { value: string; from: string; duration: string | undefined };

/** Preferences a request gets when it does not ask itself (`PUT /__mock/preferences`). */
export type DefaultPreferenceValues = Readonly<
  Partial<Record<Known | 'duration', string | number | boolean>>
>;

function rawPreferences(
  prefer: string | undefined,
  query: URLSearchParams,
  defaults: DefaultPreferenceValues,
): Map<Known, Raw> {
  const raw = new Map<Known, Raw>();
  const header = parsePreferHeader(prefer);
  for (const name of KNOWN_PREFERENCES) {
    const fromQuery = query.get(`__${name}`);
    const fromHeader = header.get(name);
    // A query parameter is the more specific ask (for clients that cannot set headers), so it wins.
    if (fromQuery !== null)
      raw.set(name, {
        value: fromQuery,
        from: `query parameter __${name}=${fromQuery}`,
        duration: query.get('__duration') ?? undefined,
      });
    else if (fromHeader !== undefined)
      raw.set(name, {
        value: fromHeader.value,
        from: `Prefer: ${name}=${fromHeader.value}`,
        duration: fromHeader.params.get('duration'),
      });
    else if (defaults[name] !== undefined)
      raw.set(name, {
        value: String(defaults[name]),
        from: `the default preference ${name}=${String(defaults[name])} (PUT /__mock/preferences)`,
        duration: defaults.duration === undefined ? undefined : String(defaults.duration),
      });
  }
  return raw;
}

const milliseconds = (text: string | undefined) =>
  text !== undefined && /^\d{1,7}$/.test(text) && Number(text) <= MAX_DELAY_MS
    ? Number(text)
    : undefined;

type Mutable = { -readonly [K in keyof Preferences]: Preferences[K] };

function apply(
  preferences: Mutable,
  name: Known,
  raw: Raw,
  exampleIds: () => readonly string[],
): string | undefined {
  const { value, from } = raw;
  switch (name) {
    case 'code': {
      const code = /^\d{3}$/.test(value) ? Number(value) : Number.NaN;
      if (!isForcedStatus(code))
        return `${from} is not supported; code can be one of ${FORCED_STATUSES.join(', ')}.`;
      preferences.code = code;
      return undefined;
    }
    case 'example': {
      const ids = exampleIds();
      if (!ids.includes(value))
        return `${from} names no fixture; example can be one of ${listSome(ids)} (GET /__mock/fixtures lists them all).`;
      preferences.example = value;
      return undefined;
    }
    case 'dynamic':
      if (value !== 'true' && value !== 'false')
        return `${from} is not supported; dynamic can be true or false.`;
      preferences.dynamic = value === 'true';
      return undefined;
    case 'delay': {
      const delay = milliseconds(value);
      if (delay === undefined)
        return `${from} is not supported; delay is a whole number of milliseconds from 0 to ${MAX_DELAY_MS}.`;
      preferences.delay = delay;
      return undefined;
    }
    case 'fault': {
      const fault = parseFault(value);
      const duration = milliseconds(raw.duration);
      if (fault === undefined)
        return `${from} is not supported; fault can be one of ${FAULTS.join(', ')}.`;
      if (raw.duration !== undefined && duration === undefined)
        return `duration=${raw.duration} is not supported; it is a whole number of milliseconds from 0 to ${MAX_DELAY_MS}.`;
      preferences.fault = fault;
      if (duration !== undefined) preferences.duration = duration;
      return undefined;
    }
    // Stryker disable next-line all: the switch is exhaustive, so this is never reached
    default:
      // Stryker disable next-line all: the switch is exhaustive, so this is never reached
      throw new Error(`Unknown preference "${String(name satisfies never)}".`);
  }
}

const UTF8 = new TextEncoder();
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * A preference value as it may stand in a header: a token as it is, anything else as a quoted
 * string with characters outside visible ASCII percent-encoded.
 */
export function headerValue(value: string): string {
  if (TOKEN.test(value)) return value;
  let escaped = '';
  for (const char of value) {
    if (/[\x20-\x7e]/.test(char)) escaped += char === '"' || char === '\\' ? `\\${char}` : char;
    else
      for (const byte of UTF8.encode(char))
        escaped += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `"${escaped}"`;
}

/**
 * Reads `Prefer` (RFC 7240) and the `__code`, `__example`, `__dynamic`, `__delay`, `__fault` query
 * parameters, name by name the query first, then the header, then `defaults` (the session's
 * default preferences). A known preference with a value the mock cannot honour is an error naming
 * it and what is supported; unknown preferences (`return=minimal`, `respond-async`) are ignored.
 */
export function readPreferences(
  prefer: string | undefined,
  query: URLSearchParams,
  exampleIds: () => readonly string[],
  defaults: DefaultPreferenceValues = {},
): PreferencesResult {
  const preferences: Mutable = {};
  const applied: string[] = [];
  for (const [name, raw] of rawPreferences(prefer, query, defaults)) {
    const problem = apply(preferences, name, raw, exampleIds);
    if (problem !== undefined) return { ok: false, detail: problem };
    applied.push(`${name}=${headerValue(raw.value)}`);
  }
  return { ok: true, preferences, applied };
}
