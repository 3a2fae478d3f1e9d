import type { Contract } from '../contract/compile-contract.js';
import { outcomeCatalog } from '../contract/outcome-catalog.js';
import { VERSION } from '../core/version.js';
import { EXAMPLE_API_KEY, EXAMPLE_TOKEN } from '../engine/record-interaction.js';
import type { RecordedInteraction } from '../state/interaction-log.js';
import { bodyValue, interactionStates } from './interaction-states.js';

/** The Pact specification versions the export writes. */
export const PACT_VERSIONS = [3, 4] as const;
export type PactVersion = (typeof PACT_VERSIONS)[number];

/** Names the pact is between when none are given. */
export const DEFAULT_CONSUMER = 'audit-events-consumer';
export const DEFAULT_PROVIDER = 'audit-events-api';

/** Who the pact is between, and in which version. */
export interface PactOptions {
  readonly consumer: string;
  readonly provider: string;
  readonly version: PactVersion;
}

type Rules = Record<string, { combine: 'AND'; matchers: Record<string, unknown>[] }>;
type Json = Record<string, unknown>;

const rule = (matcher: Record<string, unknown>) => ({
  combine: 'AND' as const,
  matchers: [matcher],
});
const regex = (pattern: string) => rule({ match: 'regex', regex: pattern });
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The provider's date-times: `2026-05-14T09:21:07.483920Z`, no fraction when it is zero. */
const DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?(Z|[+-]\\d{2}:\\d{2})$';

/** Header names whose usual spelling is not simply capitalized. */
const SPELLINGS: Readonly<Record<string, string>> = {
  'www-authenticate': 'WWW-Authenticate',
  'x-api-key': 'X-API-Key',
};

/** `content-type` → `Content-Type`. */
function headerName(name: string): string {
  return (
    SPELLINGS[name] ??
    name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase())
  );
}

function requestRules(headers: Readonly<Record<string, string>>): Rules {
  const rules: Rules = {};
  const authorization = headers['authorization'];
  // Placeholders stand for whatever credentials the consumer holds.
  if (authorization === `Bearer ${EXAMPLE_TOKEN}`) rules['Authorization'] = regex('^Bearer .+$');
  for (const [name, value] of Object.entries(headers))
    if (value === EXAMPLE_API_KEY) rules[headerName(name)] = regex('^.+$');
  return rules;
}

function responseRules(interaction: RecordedInteraction, body: unknown): Json {
  const header: Rules = {};
  const { responseHeaders } = interaction;
  if (responseHeaders['retry-after'] !== undefined) header['Retry-After'] = regex('^\\d+$');
  const location = responseHeaders['location'];
  if (location !== undefined)
    header['Location'] = regex(
      `^https?://[^/]*${escape(location.replace(/^https?:\/\/[^/]*/, ''))}$`,
    );
  const rules: Rules = {};
  if (interaction.status === 200 && interaction.generated && typeof body === 'object' && body) {
    // Generated values are the seed's, not the consumer's: match their types, not the values.
    for (const name of Object.keys(body)) {
      if (name === 'id') continue;
      rules[`$.${name}`] = name === 'created_at' ? regex(DATE_TIME) : rule({ match: 'type' });
    }
  }
  if (interaction.status === 422 && typeof body === 'object' && body) {
    rules['$.detail'] = rule({ match: 'type', min: 1 });
    for (const key of ['msg', 'input', 'ctx'])
      rules[`$.detail[*].${key}`] = rule({ match: 'type' });
  }
  return {
    ...(Object.keys(header).length > 0 ? { header } : {}),
    ...(Object.keys(rules).length > 0 ? { body: rules } : {}),
  };
}

/** Headers whose value is a comma-separated list: V4 writes them as one array item per element. */
const LIST_HEADERS = new Set([
  'allow',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-request-headers',
]);

function headersFor(headers: Readonly<Record<string, string>>, version: PactVersion): Json {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      headerName(name),
      version === 3
        ? value
        : LIST_HEADERS.has(name)
          ? value.split(',').map((item) => item.trim())
          : [value],
    ]),
  );
}

function bodyFor(interaction: RecordedInteraction, body: unknown, version: PactVersion): Json {
  if (body === undefined) return {};
  if (version === 3) return { body };
  const contentType = (interaction.responseHeaders['content-type'] ?? 'text/plain').split(';')[0];
  return { body: { content: body, contentType, encoded: false } };
}

function queryFor(query: string): Json {
  if (query === '') return {};
  const out: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(query)) (out[name] ??= []).push(value);
  return { query: out };
}

function interactionFor(
  interaction: RecordedInteraction,
  description: string,
  contract: Contract,
  version: PactVersion,
): Json {
  const body = bodyValue(interaction);
  const states = interactionStates(interaction, contract);
  const requestMatching = requestRules(interaction.requestHeaders);
  const responseMatching = responseRules(interaction, body);
  return {
    ...(version === 4 ? { type: 'Synchronous/HTTP' } : {}),
    description,
    ...(version === 4 ? { pending: false } : {}),
    ...(states.length > 0 ? { providerStates: states } : {}),
    request: {
      method: interaction.method,
      path: interaction.path,
      ...queryFor(interaction.query),
      headers: headersFor(interaction.requestHeaders, version),
      ...(Object.keys(requestMatching).length > 0
        ? { matchingRules: { header: requestMatching } }
        : {}),
    },
    response: {
      status: interaction.status,
      headers: headersFor(interaction.responseHeaders, version),
      ...bodyFor(interaction, body, version),
      ...(Object.keys(responseMatching).length > 0 ? { matchingRules: responseMatching } : {}),
    },
  };
}

/**
 * A Pact file (specification V3 or V4) of the interactions a consumer's suite made: one per
 * distinct request shape and outcome, without the mock's own controls, credentials as regex
 * matchers, generated values as type and regex matchers, provider states named after how each
 * outcome arises. The mock's provider-state endpoint (`POST /__mock/provider-states`) sets them up.
 */
export function pactDocument(
  interactions: readonly RecordedInteraction[],
  contract: Contract,
  options: PactOptions,
): Json {
  const catalog = outcomeCatalog(contract);
  const seen = new Map<string, number>();
  const described = interactions.map((interaction) => {
    const outcome =
      catalog.outcomes[interaction.outcomes[0] ?? -1]?.title ?? `${interaction.status}`;
    const query = interaction.query === '' ? '' : `?${interaction.query}`;
    const via = interaction.credential === null ? '' : ` (credentials: ${interaction.credential})`;
    const base = `${interaction.method} ${interaction.path}${query}: ${outcome}${via}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return interactionFor(
      interaction,
      count === 1 ? base : `${base} #${count}`,
      contract,
      options.version,
    );
  });
  return {
    consumer: { name: options.consumer },
    provider: { name: options.provider },
    interactions: described,
    metadata: {
      pactSpecification: { version: options.version === 3 ? '3.0.0' : '4.0' },
      'audit-events-mock': { version: VERSION },
    },
  };
}
