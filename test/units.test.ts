import { describe, expect, it } from 'vitest';
import { pointerTo, unknownKeys } from '../src/contract/unknown-keys.js';
import { createRandom } from '../src/generator/random.js';
import { quoteUrl } from '../src/wire/quote-url.js';
import { unquotePath } from '../src/wire/unquote-path.js';
import { formatProviderDateTime } from '../src/wire/format-provider-date-time.js';
import { formatPythonFloat } from '../src/wire/format-python-float.js';

describe('unquotePath decodes as Python’s urllib.parse.unquote', () => {
  it.each([
    ['plain', 'plain'],
    ['a%2Fb', 'a/b'],
    ['%zz', '%zz'],
    ['%', '%'],
    ['%4', '%4'],
    ['%41%42', 'AB'],
    ['%e2%82%ac', '€'],
    ['%E0%A4%A', '\ufffd%A'],
    ['%FF', '\ufffd'],
    ['%ED%A0%80', '\ufffd\ufffd\ufffd'],
    ['%C3', '\ufffd'],
    ['%00', '\u0000'],
    ['é%C3%A9', 'éé'],
    ['%EF%BB%BFa', '\ufeffa'],
    ['%41a12', 'Aa12'],
  ])('%j → %j', (raw, decoded) => {
    expect(unquotePath(raw)).toBe(decoded);
  });
});

describe('quoteUrl encodes as Starlette’s redirect location', () => {
  it.each([
    ['http://h/v1/a b', 'http://h/v1/a%20b'],
    ['http://h/café', 'http://h/caf%C3%A9'],
    ["http://h/%zz?x=1&y=[2]!$'()*+,;@", "http://h/%zz?x=1&y=[2]!$'()*+,;@"],
    ['http://h/"<>\\^`{|}', 'http://h/%22%3C%3E%5C%5E%60%7B%7C%7D'],
  ])('%j → %j', (url, quoted) => {
    expect(quoteUrl(url)).toBe(quoted);
  });
});

describe('formatPythonFloat writes floats as Python’s json.dumps', () => {
  it.each([
    [12, '12.0'],
    [0, '0.0'],
    [-0, '-0.0'],
    [83.42, '83.42'],
    [0.1 + 0.2, '0.30000000000000004'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [1.5e16, '1.5e+16'],
    [123456789.125, '123456789.125'],
  ])('%d → %s', (value, text) => {
    expect(formatPythonFloat(value)).toBe(text);
  });

  it('refuses NaN and Infinity, which the provider never sends', () => {
    expect(() => formatPythonFloat(Number.NaN)).toThrow(/never sends NaN/);
    expect(() => formatPythonFloat(Infinity)).toThrow(RangeError);
  });
});

describe('formatProviderDateTime', () => {
  it('writes six fraction digits, or none when the microseconds are zero', () => {
    const at = Date.parse('2024-05-01T12:34:56Z') / 1000;
    expect(formatProviderDateTime(at, 789_000)).toBe('2024-05-01T12:34:56.789000Z');
    expect(formatProviderDateTime(at, 42)).toBe('2024-05-01T12:34:56.000042Z');
    expect(formatProviderDateTime(at, 0)).toBe('2024-05-01T12:34:56Z');
  });
});

describe('createRandom', () => {
  it('gives the same sequence for the same seed parts and another for others', () => {
    const draw = (...parts: string[]) => {
      const random = createRandom(...parts);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw('a', 'b')).toEqual(draw('a', 'b'));
    expect(draw('a', 'b')).not.toEqual(draw('ab'));
    expect(draw('a', 'b')).not.toEqual(draw('a', 'c'));
  });

  it('makes lowercase v4 UUIDs and integers within bounds', () => {
    const random = createRandom('uuid');
    for (let index = 0; index < 200; index += 1) {
      expect(random.uuid()).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      const value = random.int(3, 5);
      expect(value >= 3 && value <= 5 && Number.isInteger(value)).toBe(true);
    }
  });

  it('picks by weight', () => {
    const random = createRandom('weights');
    const picks = Array.from({ length: 2000 }, () => random.weighted({ often: 9, rarely: 1 }));
    const often = picks.filter((pick) => pick === 'often').length / picks.length;
    expect(often).toBeGreaterThan(0.85);
    expect(often).toBeLessThan(0.95);
  });
});

describe('unknownKeys', () => {
  it('lists each key not allowed, as an escaped JSON pointer under its parent', () => {
    expect(unknownKeys({ id: 1, 'a/b': 2, '~x': 3 }, ['id'], '/steps/0', 'is unknown')).toEqual([
      { pointer: '/steps/0/a~1b', message: 'is unknown', rule: 'additionalProperties' },
      { pointer: '/steps/0/~0x', message: 'is unknown', rule: 'additionalProperties' },
    ]);
    expect(unknownKeys({ id: 1 }, new Set(['id']), '', 'is unknown')).toEqual([]);
    expect(pointerTo('', 'a~/b')).toBe('/a~0~1b');
  });
});
