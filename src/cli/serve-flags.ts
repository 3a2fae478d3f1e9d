import type { MockConfig } from '../config/mock-options.js';
import { mergeOptions } from '../config/merge-options.js';
import { OptionsError } from '../config/options-error.js';
import { parseLatencyFlag } from './parse-latency-flag.js';

/** `serve`'s flags as `node:util` `parseArgs` reads them. */
export const SERVE_FLAGS = {
  config: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  seed: { type: 'string' },
  spec: { type: 'string' },
  'spec-timeout': { type: 'string' },
  'openapi-url': { type: 'string' },
  'docs-url': { type: 'string' },
  'redoc-url': { type: 'string' },
  'oauth2-redirect-url': { type: 'string' },
  'docs-assets': { type: 'string' },
  fixtures: { type: 'string', multiple: true },
  'no-pinned-responses': { type: 'boolean' },
  watch: { type: 'boolean' },
  auth: { type: 'string' },
  'accept-token': { type: 'string', multiple: true },
  'reject-token': { type: 'string', multiple: true },
  'cors-origin': { type: 'string', multiple: true },
  'cors-expose-headers': { type: 'string', multiple: true },
  'cors-allow-credentials': { type: 'boolean' },
  latency: { type: 'string' },
  chaos: { type: 'string' },
  'journal-size': { type: 'string' },
  'state-bytes': { type: 'string' },
  'admin-token': { type: 'string' },
  'admin-origin': { type: 'string', multiple: true },
  'no-admin': { type: 'boolean' },
  'log-level': { type: 'string' },
  'log-format': { type: 'string' },
  // Read by the command line itself, not an option of the server.
  'no-parent-watch': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = {
  readonly [K in keyof typeof SERVE_FLAGS]?: (typeof SERVE_FLAGS)[K] extends {
    multiple: true;
  }
    ? string[]
    : (typeof SERVE_FLAGS)[K]['type'] extends 'boolean'
      ? boolean
      : string;
};

/** A whole number written in decimal digits only (no `0x10`, `1e3`, spaces or signs). */
export function decimalFlag(flag: string, text: string): number {
  if (!/^\d{1,15}$/.test(text))
    throw new OptionsError(`--${flag} must be a whole number in decimal digits, got "${text}".`);
  return Number(text);
}

/** A decimal number such as `0.25` (for rates). */
function decimalNumberFlag(flag: string, text: string): number {
  if (!/^\d{1,15}(\.\d{1,15})?$/.test(text))
    throw new OptionsError(`--${flag} must be a decimal number such as 0.25, got "${text}".`);
  return Number(text);
}

/** A route flag (`--docs-url /api-docs`), or `none` to turn the route off, as FastAPI's `None`. */
function routeFlag(text: string): string | null {
  return text === 'none' ? null : text;
}

/**
 * Maps `serve`'s flags onto the options object (the same keys as a config file and the library);
 * their values are checked with the rest of the options.
 */
export function optionsFromFlags(values: Values): MockConfig {
  const some = <T>(value: T | undefined, make: (value: T) => MockConfig): MockConfig =>
    value === undefined ? {} : make(value);
  // The schema check names the allowed modes, levels and formats; the casts carry the text there.
  const layers: MockConfig[] = [
    some(values.port, (port) => ({ port: decimalFlag('port', port) })),
    some(values.host, (host) => ({ host })),
    some(values.seed, (seed) => ({ seed })),
    some(values.spec, (spec) => ({ spec })),
    some(values['spec-timeout'], (ms) => ({ specTimeoutMs: decimalFlag('spec-timeout', ms) })),
    some(values['openapi-url'], (url) => ({ openapiUrl: routeFlag(url) })),
    some(values['docs-url'], (url) => ({ docsUrl: routeFlag(url) })),
    some(values['redoc-url'], (url) => ({ redocUrl: routeFlag(url) })),
    some(values['oauth2-redirect-url'], (url) => ({ oauth2RedirectUrl: routeFlag(url) })),
    some(values['docs-assets'], (assets) => ({ docsAssets: assets as 'cdn' })),
    some(values.fixtures, (fixtures) => ({
      fixtures: fixtures.length === 1 && fixtures[0] !== undefined ? fixtures[0] : fixtures,
    })),
    values['no-pinned-responses'] === true ? { pinnedResponses: false } : {},
    some(values.watch, (watch) => ({ watch })),
    some(values.auth, (mode) => ({ auth: { mode: mode as 'none' } })),
    some(values['accept-token'], (accept) => ({ auth: { accept } })),
    some(values['reject-token'], (reject) => ({ auth: { reject } })),
    some(values['cors-origin'], (origins) => ({ cors: { origins } })),
    some(values['cors-expose-headers'], (names) => ({
      cors: { exposeHeaders: names.flatMap((name) => name.split(',').map((one) => one.trim())) },
    })),
    some(values['cors-allow-credentials'], (allowCredentials) => ({ cors: { allowCredentials } })),
    some(values.latency, (latency) => ({ latency: parseLatencyFlag(latency) })),
    some(values.chaos, (chaos) => ({ chaos: decimalNumberFlag('chaos', chaos) })),
    some(values['journal-size'], (size) => ({
      limits: { journal: decimalFlag('journal-size', size) },
    })),
    some(values['state-bytes'], (bytes) => ({
      limits: { stateBytes: decimalFlag('state-bytes', bytes) },
    })),
    some(values['admin-token'], (token) => ({ admin: { token } })),
    some(values['admin-origin'], (origins) => ({ admin: { origins } })),
    values['no-admin'] === true ? { admin: { enabled: false } } : {},
    some(values['log-level'], (level) => ({ log: { level: level as 'info' } })),
    some(values['log-format'], (format) => ({ log: { format: format as 'auto' } })),
  ];
  return mergeOptions(...layers);
}
