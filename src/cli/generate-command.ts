import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compileContract } from '../contract/compile-contract.js';
import { loadSpec } from '../contract/load-spec.js';
import { formatViolation } from '../contract/violation.js';
import { createEventGenerator } from '../generator/create-event-generator.js';
import { DEFAULT_SEED } from '../mock-options.js';
import { createEventSerializer } from '../serialize/create-event-serializer.js';
import { SettingsError } from './serve-settings.js';

export const GENERATE_USAGE = `Usage: audit-events-mock generate --count <n> [--seed <s>] (--out <dir> | --ndjson)

Writes n valid, realistic events: as fixture files <dir>/events/evt_gen_<n>.json, or as NDJSON on
standard output. The same seed gives the same events.
`;

const MAX_COUNT = 10_000_000;

/** Runs `generate`; returns the exit code. */
export function generate(
  args: readonly string[],
  out: NodeJS.WritableStream & { isTTY?: boolean },
  err: NodeJS.WritableStream & { isTTY?: boolean },
): number {
  const { values } = parseArgs({
    args: [...args],
    options: {
      count: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      ndjson: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    out.write(GENERATE_USAGE);
    return 0;
  }
  const count = Number(values.count);
  if (values.count === undefined || !/^\d+$/.test(values.count) || count < 1 || count > MAX_COUNT)
    throw new SettingsError(`generate needs --count <n>, a whole number from 1 to ${MAX_COUNT}.`);
  if ((values.out === undefined) === (values.ndjson !== true))
    throw new SettingsError('generate needs exactly one of --out <dir> or --ndjson.');
  const seed = values.seed ?? DEFAULT_SEED;
  const contract = compileContract(loadSpec());
  const serialize = createEventSerializer(contract.eventFields);
  const make = createEventGenerator(seed);
  const folder = values.out === undefined ? undefined : join(values.out, 'events');
  if (folder !== undefined) mkdirSync(folder, { recursive: true });
  const width = String(count).length;
  const progress = err.isTTY === true && count >= 10_000;
  let chunk = '';
  for (let index = 1; index <= count; index += 1) {
    const id = `evt_gen_${String(index).padStart(width, '0')}`;
    const event = make(id);
    const violations = contract.validateEvent(event);
    if (violations.length > 0)
      throw new Error(
        `Generated ${id} breaks the spec (a defect of the mock): ${violations.map(formatViolation).join('; ')}`,
      );
    if (folder === undefined) {
      chunk += `${serialize(event)}\n`;
      if (chunk.length > 65_536) {
        out.write(chunk);
        chunk = '';
      }
    } else {
      writeFileSync(
        join(folder, `${id}.json`),
        `${JSON.stringify(JSON.parse(serialize(event)), null, 2)}\n`,
      );
    }
    if (progress && index % 5_000 === 0) err.write(`\rgenerated ${index}/${count}`);
  }
  out.write(chunk);
  if (progress) err.write(`\rgenerated ${count}/${count}\n`);
  if (folder !== undefined) out.write(`wrote ${count} events to ${folder} (seed "${seed}")\n`);
  return 0;
}
