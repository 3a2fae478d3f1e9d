import type { Contract } from './compile-contract.js';
import type { Outcome } from './outcome.js';
import {
  AUTH_OUTCOMES,
  CORS_OUTCOMES,
  declaredStatusOutcome,
  fieldOutcomes,
  MOCK_OUTCOMES,
  STATUS_OUTCOMES,
} from './outcome-definitions.js';

/** Where a nullable field's two outcomes sit in the catalog. */
export interface NullableField {
  readonly name: string;
  readonly null: number;
  readonly set: number;
}

/** Where an any-value field's four outcomes sit in the catalog. */
export interface AnyValueField {
  readonly name: string;
  readonly object: number;
  readonly array: number;
  readonly scalar: number;
  readonly null: number;
}

/** Every outcome of the contract in report order, and where each sits (outcomes are counted by index). */
export interface OutcomeCatalog {
  readonly outcomes: readonly Outcome[];
  /** The outcomes' ids, in the same order (one array per catalog, so it can be compared by identity). */
  readonly ids: readonly string[];
  /** The index of an outcome by id; `-1` for none. */
  indexOf(id: string): number;
  readonly nullableFields: readonly NullableField[];
  readonly anyValueFields: readonly AnyValueField[];
  /** The outcome of each status the spec declares beyond the modelled ones, by status. */
  readonly declaredStatuses: ReadonlyMap<number, number>;
}

/** The statuses the model already has outcomes for. */
const MODELLED_STATUSES = new Set(
  STATUS_OUTCOMES.map((outcome) => Number.parseInt(outcome.id, 10)),
);

function buildCatalog(contract: Contract): OutcomeCatalog {
  const declared = contract.operation.statuses.filter((code) => !MODELLED_STATUSES.has(code));
  const outcomes = [
    ...STATUS_OUTCOMES,
    ...declared.map(declaredStatusOutcome),
    ...AUTH_OUTCOMES.filter(
      (outcome) => outcome.id !== 'auth-api-key' || contract.operation.apiKeyHeader !== undefined,
    ),
    ...contract.eventFields.flatMap(fieldOutcomes),
    ...CORS_OUTCOMES,
    ...MOCK_OUTCOMES,
  ];
  const byId = new Map(outcomes.map((outcome, index) => [outcome.id, index]));
  const at = (id: string) => byId.get(id) ?? -1;
  const fields = (nullability: string) =>
    contract.eventFields.filter((field) => field.nullability === nullability);
  return {
    outcomes,
    ids: outcomes.map((outcome) => outcome.id),
    indexOf: at,
    nullableFields: fields('nullable').map(({ name }) => ({
      name,
      null: at(`field-${name}-null`),
      set: at(`field-${name}-set`),
    })),
    anyValueFields: fields('any-or-null').map(({ name }) => ({
      name,
      object: at(`field-${name}-object`),
      array: at(`field-${name}-array`),
      scalar: at(`field-${name}-scalar`),
      null: at(`field-${name}-null`),
    })),
    declaredStatuses: new Map(declared.map((code) => [code, at(`${code}-declared`)])),
  };
}

const CATALOGS = new WeakMap<Contract, OutcomeCatalog>();

/**
 * The outcomes of the contract's operation: the statuses it declares and the provider's documented
 * answers (two 401s and their causes, the router's 404, 405 and 307, 429, a plain-text 500, CORS),
 * each nullable field of the 200 model seen null and set (an any-value field as object, array,
 * scalar and null), and the mock-only aids. Built once per compiled contract.
 */
export function outcomeCatalog(contract: Contract): OutcomeCatalog {
  let catalog = CATALOGS.get(contract);
  if (!catalog) {
    catalog = buildCatalog(contract);
    CATALOGS.set(contract, catalog);
  }
  return catalog;
}

/**
 * The field outcomes an event covers, as catalog indices: each nullable field null or set, each
 * any-value field by the kind of its value. Computed when an answer is built, never per request.
 */
export function eventCoverage(
  event: Readonly<Record<string, unknown>>,
  catalog: OutcomeCatalog,
): number[] {
  const covered: number[] = [];
  for (const field of catalog.nullableFields) {
    const value = event[field.name];
    covered.push(value === null || value === undefined ? field.null : field.set);
  }
  for (const field of catalog.anyValueFields) {
    const value = event[field.name];
    if (value === null || value === undefined) covered.push(field.null);
    else if (Array.isArray(value)) covered.push(field.array);
    else covered.push(typeof value === 'object' ? field.object : field.scalar);
  }
  return covered;
}
