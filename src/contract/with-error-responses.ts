import { isRecord } from '../core/is-record.js';
import { findOperation } from './compile-contract.js';
import type { OpenApiDocument } from './load-spec.js';
import { SpecError } from './spec-error.js';

/** An error answer the provider gives without documenting it, as the spec should describe it. */
export interface ErrorResponse {
  readonly status: number;
  /** What a client gets, in a sentence: "No or rejected credentials", ... */
  readonly description: string;
  readonly contentType: string;
  /** The body as the mock sends it: `{"detail": "..."}`, or text. */
  readonly example: unknown;
  /** Headers the answer carries besides its content type, e.g. `retry-after`. */
  readonly headers: readonly string[];
}

/** The vendor extension that marks what `withErrorResponses` added. */
export const ADDED_MARK = 'x-audit-events-mock';
/** The schema of a `{"detail": string}` body, added under this name. */
export const ERROR_DETAIL_SCHEMA = 'ErrorDetail';

/** Headers of the error answers, by their lower-case name: as the spec names and explains them. */
const HEADERS: Readonly<Record<string, { name: string; description: string }>> = {
  'www-authenticate': { name: 'WWW-Authenticate', description: 'The scheme to use: Bearer.' },
  'retry-after': { name: 'Retry-After', description: 'Seconds to wait before trying again.' },
};

function responseOf(answer: ErrorResponse): Record<string, unknown> {
  const json = answer.contentType.startsWith('application/json');
  const headers = Object.fromEntries(
    answer.headers.map((header) => {
      const { name, description } = HEADERS[header] ?? { name: header, description: header };
      return [name, { description, schema: { type: 'string' } }];
    }),
  );
  return {
    description: `${answer.description} (added: the provider answers it, its spec does not say so).`,
    ...(answer.headers.length > 0 ? { headers } : {}),
    content: {
      [json ? 'application/json' : 'text/plain']: {
        schema: json ? { $ref: `#/components/schemas/${ERROR_DETAIL_SCHEMA}` } : { type: 'string' },
        example: answer.example,
      },
    },
    [ADDED_MARK]: 'added',
  };
}

/**
 * The spec with the error answers the provider gives but does not document added to the operation
 * the mock serves (those it already documents are left as they are), their `{"detail": string}`
 * body as the component `ErrorDetail`; everything added carries `x-audit-events-mock: added`, and
 * `info` says what was added. A client generated from it types each error by its real body.
 * @throws SpecError when the spec already has a component named `ErrorDetail`
 */
export function withErrorResponses(
  spec: OpenApiDocument,
  answers: readonly ErrorResponse[],
): OpenApiDocument {
  if (spec.components.schemas[ERROR_DETAIL_SCHEMA] !== undefined)
    throw new SpecError(
      `The spec already has a component schema named ${ERROR_DETAIL_SCHEMA}; rename it to add the error answers.`,
    );
  const copy = structuredClone(spec) as OpenApiDocument & {
    info: Record<string, unknown>;
    components: { schemas: Record<string, unknown> };
  };
  const [template] = findOperation(copy);
  const operation = copy.paths[template]?.['get'];
  if (!isRecord(operation)) throw new SpecError(`${template} has no GET operation.`);
  const responses = isRecord(operation['responses']) ? operation['responses'] : {};
  const added = answers.filter((answer) => responses[String(answer.status)] === undefined);
  for (const answer of added) responses[String(answer.status)] = responseOf(answer);
  operation['responses'] = Object.fromEntries(
    Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)),
  );
  copy.components.schemas[ERROR_DETAIL_SCHEMA] = {
    title: ERROR_DETAIL_SCHEMA,
    description: 'The body of an error answer: a message saying what went wrong.',
    type: 'object',
    required: ['detail'],
    properties: { detail: { type: 'string', title: 'Detail' } },
    [ADDED_MARK]: 'added',
  };
  copy.info[ADDED_MARK] =
    `This is the provider's spec with the error answers it gives but does not document added to GET ${template} (${added.map((answer) => answer.status).join(', ')}), and the schema ${ERROR_DETAIL_SCHEMA}; each is marked "${ADDED_MARK}": "added". Written by audit-events-mock spec --with-errors.`;
  return copy;
}
