import { describe, expect, it } from 'vitest';
import { describeFailure } from '../src/cli/main.js';
import { UsageError } from '../src/cli/usage-error.js';
import { OptionsError } from '../src/config/options-error.js';
import { SpecError } from '../src/contract/spec-error.js';
import { MOCK_ERROR_CODES, MockError } from '../src/core/mock-error.js';
import { FixtureLoadError } from '../src/fixture-files/fixture-problem.js';
import { ListenError } from '../src/server/listen-error.js';
import { LimitError } from '../src/state/runtime-state.js';

describe('one error base class with a stable code', () => {
  it.each([
    [new UsageError('u'), 'USAGE'],
    [new OptionsError('o'), 'OPTIONS_INVALID'],
    [new SpecError('s'), 'SPEC_INVALID'],
    [new FixtureLoadError([]), 'FIXTURES_INVALID'],
    [new ListenError('l'), 'LISTEN_FAILED'],
    [new LimitError('count', 'x'), 'LIMIT_EXCEEDED'],
  ])('%s has the code %s and is a MockError', (error, code) => {
    expect(error).toBeInstanceOf(MockError);
    expect(error.code).toBe(code);
    expect(MOCK_ERROR_CODES).toContain(code);
  });
});

describe('the CLI maps codes to exit statuses', () => {
  it.each([
    [new UsageError('bad flag'), 2],
    [new OptionsError('bad option'), 2],
    [new SpecError('no spec'), 1],
    [new FixtureLoadError([]), 1],
    [new ListenError('port taken'), 1],
  ])('%s exits %i with its message alone', (error, code) => {
    const failure = describeFailure(error);
    expect(failure).toEqual({ message: error.message, code });
  });

  it('reports anything else as a defect of the mock, with its stack, exit 1 (not a usage error)', () => {
    const defect = new RangeError('index out of range');
    const failure = describeFailure(defect);
    expect(failure.code).toBe(1);
    expect(failure.message).toMatch(/^internal error \(a defect of the mock/);
    expect(failure.message).toContain('RangeError: index out of range');
    expect(failure.message).toMatch(/\n\s+at /);
  });
});

describe('closed lists written in code and in the schemas agree', () => {
  it('the faults and forced statuses of scenario steps are the ones the engine knows', async () => {
    const { readFileSync } = await import('node:fs');
    const { FAULTS } = await import('../src/core/fault.js');
    const { FORCED_STATUSES } = await import('../src/core/forced-status.js');
    const schema = JSON.parse(
      readFileSync(new URL('../schemas/scenario.schema.json', import.meta.url), 'utf8'),
    ) as {
      $defs: {
        step: {
          properties: { fault: { enum: string[] } };
          then: { properties: { status: { enum: number[] } } };
        };
      };
    };
    expect(schema.$defs.step.properties.fault.enum).toEqual([...FAULTS]);
    expect(schema.$defs.step.then.properties.status.enum).toEqual([...FORCED_STATUSES]);
  });
});
