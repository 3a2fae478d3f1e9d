import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileContract, responseRefs } from '../src/contract/compile-contract.js';
import { loadSpec } from '../src/contract/load-spec.js';
import {
  precompiledSchemaValidators,
  precompiledSpecValidators,
} from '../src/contract/precompiled-validators.js';
import {
  createSchemaAjv,
  readSchemaFiles,
  SCHEMAS_AS_THEY_ARE,
  SCHEMAS_WITH_DEFAULTS,
  schemaId,
} from '../src/contract/schema-validators.js';
import { compileSpecValidators } from '../src/contract/spec-validators.js';
import { toViolations } from '../src/contract/to-violations.js';
import type { Validate } from '../src/generated/validators.js';
import { generateEvent } from '../src/library/generate-event.js';
import { bundledEventFixtures, FIXTURES_DIR } from './helpers/paths.js';

const spec = loadSpec();
const refs = responseRefs(spec);
const files = readSchemaFiles();

function outcome(validate: Validate, value: unknown) {
  const copy = structuredClone(value);
  return { valid: validate(copy), violations: toViolations(validate.errors), filled: copy };
}

const EVENTS: unknown[] = [
  ...bundledEventFixtures().map(({ event }) => event),
  generateEvent('evt_1'),
  { ...generateEvent('evt_2'), user_id: 'u-1', created_at: 'yesterday' },
  { id: 1 },
  'not an event',
  null,
];
const BODIES: Readonly<Record<string, unknown[]>> = {
  options: [{}, { port: 0, cors: {} }, { port: -1 }, { latency: { kind: 'uniform' } }, { x: 1 }],
  scenario: [
    { match: { eventId: 'e' }, steps: [{ status: 503, times: 2 }] },
    { match: { pattern: 'e*' }, steps: [{ status: 418 }] },
    { match: {}, steps: [] },
    { match: { eventId: 'e' }, steps: [{ headers: { 'bad name': 'x' }, fault: 'boom' }] },
  ],
  'response-fixture': [
    JSON.parse(readFileSync(`${FIXTURES_DIR}/responses/evt_not_found.json`, 'utf8')),
    { status: 200 },
    { status: 700, body: 'x', delayMs: -1 },
  ],
};

describe('validators compiled at build time (src/generated/validators.js)', () => {
  it('are the ones used for the bundled spec and the package’s schemas', () => {
    expect(precompiledSpecValidators(spec, refs)).toBeDefined();
    expect(precompiledSchemaValidators(files, true, SCHEMAS_WITH_DEFAULTS)).toBeDefined();
    expect(precompiledSchemaValidators(files, false, SCHEMAS_AS_THEY_ARE)).toBeDefined();
  });

  it('judge events and 422 bodies as the spec compiled at run time does', () => {
    const built = precompiledSpecValidators(spec, refs);
    const now = compileSpecValidators(spec, refs);
    if (!built) throw new Error('not precompiled');
    for (const value of EVENTS)
      expect(outcome(built.event, value)).toEqual(outcome(now.event, value));
    for (const value of [{ detail: [] }, { detail: [{ loc: 1 }] }, {}])
      expect(outcome(built.validationError, value)).toEqual(outcome(now.validationError, value));
  });

  it('judge options (filling in defaults), scenarios and response fixtures as at run time', () => {
    for (const useDefaults of [true, false]) {
      const names = useDefaults ? SCHEMAS_WITH_DEFAULTS : SCHEMAS_AS_THEY_ARE;
      const built = precompiledSchemaValidators(files, useDefaults, names) ?? [];
      const ajv = createSchemaAjv(files, useDefaults);
      names.forEach((name, index) => {
        const now = ajv.getSchema(schemaId(name));
        const validate = built[index];
        if (!now || !validate) throw new Error(`no validator for ${name}`);
        for (const value of BODIES[name] ?? [])
          expect(outcome(validate, value), name).toEqual(outcome(now, value));
      });
    }
  });

  it('are not used for another spec or for a schema changed since the build', () => {
    const other = { ...spec, info: { title: 'Another API', version: '2' } };
    expect(precompiledSpecValidators(other, refs)).toBeUndefined();
    expect(compileContract(other).validateEvent({ id: 1 })).not.toEqual([]);
    const edited = files.map((file) =>
      file.name === 'scenario'
        ? { ...file, text: file.text.replace('"maxItems": 100', '"maxItems": 2') }
        : file,
    );
    expect(precompiledSchemaValidators(edited, false, SCHEMAS_AS_THEY_ARE)).toBeUndefined();
  });
});
