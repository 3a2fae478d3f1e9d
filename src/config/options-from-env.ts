import type { MockConfig } from './mock-options.js';
import { OptionsError } from './options-error.js';

/**
 * The options the environment sets: `PORT`, `HOST`, `SEED`, `MOCK_ADMIN_TOKEN`, `LOG_LEVEL`. An
 * empty variable counts as not set. Values are checked with the rest of the options.
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv): MockConfig {
  const text = (name: string) => (env[name] === '' ? undefined : env[name]);
  const port = text('PORT');
  if (port !== undefined && !/^\d{1,5}$/.test(port))
    throw new OptionsError(`PORT must be a whole number from 0 to 65535, got "${port}".`);
  const host = text('HOST');
  const seed = text('SEED');
  const token = text('MOCK_ADMIN_TOKEN');
  const level = text('LOG_LEVEL');
  return {
    ...(port === undefined ? {} : { port: Number(port) }),
    ...(host === undefined ? {} : { host }),
    ...(seed === undefined ? {} : { seed }),
    ...(token === undefined ? {} : { admin: { token } }),
    // The schema check names the allowed levels; the cast only carries the text to it.
    ...(level === undefined ? {} : { log: { level: level as 'info' } }),
  };
}
