import { MockError } from '../core/mock-error.js';
import type { Violation } from '../core/violation.js';

/** An option, config file or environment value that cannot be used; the CLI exits 2 for it. */
export class OptionsError extends MockError {
  override readonly name = 'OptionsError';

  constructor(message: string, options?: ErrorOptions) {
    super('OPTIONS_INVALID', message, options);
  }

  /** One error listing every violation of the options schema, under `origin` (e.g. a file). */
  static fromViolations(origin: string, violations: readonly Violation[]): OptionsError {
    const lines = violations.map(
      (violation) =>
        `${optionPath(violation.pointer)} ${violation.message} (rule: ${violation.rule})`,
    );
    if (lines.length === 1)
      return new OptionsError(`${origin}: ${lines[0] ?? ''}; see schemas/options.schema.json.`);
    return new OptionsError(
      `${origin}: ${lines.length} options are not valid (see schemas/options.schema.json):\n${lines.map((line) => `  ${line}`).join('\n')}`,
    );
  }
}

/** `/auth/mode` → `auth.mode`, the way options are written in code and config files. */
export function optionPath(pointer: string): string {
  if (pointer === '') return '(the options)';
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');
}
