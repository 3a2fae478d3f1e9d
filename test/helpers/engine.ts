import type { MockLogger, MockOptions } from '../../src/config/mock-options.js';
import { resolveOptions } from '../../src/config/resolve-options.js';
import { createEngine } from '../../src/engine/create-engine.js';
import type { Engine } from '../../src/engine/engine.js';

/** A logger that keeps nothing. */
export const silentLogger: MockLogger = { error: () => undefined, info: () => undefined };

/** An engine as the server builds it, from options (defaults applied), logging nowhere unless given a logger. */
export function testEngine(options: MockOptions = {}): Engine {
  const resolved = resolveOptions(options);
  return createEngine(resolved, resolved.logger ?? silentLogger);
}
