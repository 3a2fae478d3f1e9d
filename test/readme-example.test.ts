import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ROOT } from './helpers/paths.js';

it('the README’s test-suite example is the example file that runs in this suite', () => {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const section = readme.split('## Using the mock from a test suite')[1] ?? '';
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const file = readFileSync(`${ROOT}test/examples/consumer-suite.test.ts`, 'utf8');
  expect(file.split('\n').slice(1).join('\n')).toBe(code);
});
