/** One way a value breaks the contract: where (a JSON pointer), what, and which schema rule. */
export interface Violation {
  /** JSON pointer into the checked value; `""` is the whole value. */
  readonly pointer: string;
  readonly message: string;
  /** The JSON Schema keyword (or mock rule) that failed, e.g. `type`, `required`, `anyOf`. */
  readonly rule: string;
}

/** `/user_id: must be integer or null (rule: anyOf)` */
export function formatViolation(violation: Violation): string {
  return `${violation.pointer || '/'}: ${violation.message} (rule: ${violation.rule})`;
}
