/** What a consumer makes of a change: `breaking` when code written against the old spec can fail. */
export type ChangeClass = 'breaking' | 'safe';

/** The kinds of change between two versions of the operation's contract, a closed set. */
export const CHANGE_KINDS = [
  'operation-removed',
  'operation-moved',
  'operation-id-changed',
  'security-changed',
  'parameter-added-required',
  'parameter-added-optional',
  'parameter-removed',
  'parameter-made-required',
  'parameter-made-optional',
  'parameter-retyped',
  'status-code-removed',
  'status-code-added',
  'media-type-removed',
  'media-type-added',
  'response-field-removed',
  'response-field-added',
  'response-field-retyped',
  'response-field-narrowed',
  'response-nullable-added',
  'response-nullable-removed',
  'response-field-made-optional',
  'response-field-made-required',
  'response-enum-value-added',
  'response-enum-value-removed',
  'response-format-changed',
  'response-format-added',
  'description-changed',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One change, classified for a consumer. */
export interface SpecChange {
  readonly kind: ChangeKind;
  readonly class: ChangeClass;
  /** Where: `operation`, `security`, `parameter header X-API-Key`, `response 200 /user_id`. */
  readonly where: string;
  /** What changed, old → new, in words. */
  readonly detail: string;
}

/**
 * How a change lands on a consumer of the responses (a client, a generated type): what it relied
 * on going away or widening is breaking; new optional things and narrowing are safe.
 */
export function classify(kind: ChangeKind): ChangeClass {
  switch (kind) {
    case 'operation-removed':
    case 'operation-moved':
    case 'operation-id-changed':
    case 'security-changed':
    case 'parameter-added-required':
    case 'parameter-removed':
    case 'parameter-made-required':
    case 'parameter-retyped':
    case 'status-code-removed':
    case 'media-type-removed':
    case 'response-field-removed':
    case 'response-field-retyped':
    case 'response-nullable-added':
    case 'response-field-made-optional':
    case 'response-enum-value-added':
    case 'response-format-changed':
      return 'breaking';
    case 'parameter-added-optional':
    case 'parameter-made-optional':
    case 'status-code-added':
    case 'media-type-added':
    case 'response-field-added':
    case 'response-field-narrowed':
    case 'response-nullable-removed':
    case 'response-field-made-required':
    case 'response-enum-value-removed':
    case 'response-format-added':
    case 'description-changed':
      return 'safe';
    default:
      throw new Error(
        `Unknown change kind "${String(kind satisfies never)}"; expected one of ${CHANGE_KINDS.join(', ')}.`,
      );
  }
}

/** A change of `kind`, classified. */
export function change(kind: ChangeKind, where: string, detail: string): SpecChange {
  return { kind, class: classify(kind), where, detail };
}
