import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compileContract } from '../contract/compile-contract.js';
import { loadSpec } from '../contract/load-spec.js';
import { formatViolation } from '../core/violation.js';
import { createEventGenerator } from '../generator/create-event-generator.js';
import { DEFAULT_SEED } from '../contract/option-default.js';
import { createEventSerializer } from '../wire/create-event-serializer.js';
import { UsageError } from './usage-error.js';
import { GENERATE_USAGE } from './usage.js';

const MAX_COUNT = 10_000_000;

/** Runs `generate`; returns the exit code. Stops quietly when the reader of standard output goes away. */
export async function generate(
  args: readonly string[],
  out: NodeJS.WritableStream & { isTTY?: boolean },
  err: NodeJS.WritableStream & { isTTY?: boolean },
): Promise<number> {
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
    throw new UsageError(`generate needs --count <n>, a whole number from 1 to ${MAX_COUNT}.`);
  if ((values.out === undefined) === (values.ndjson !== true))
    throw new UsageError('generate needs exactly one of --out <dir> or --ndjson.');
  const seed = values.seed ?? DEFAULT_SEED;
  const contract = compileContract(loadSpec());
  const serialize = createEventSerializer(contract.eventFields);
  const make = createEventGenerator(seed);
  const folder = values.out === undefined ? undefined : join(values.out, 'events');
  if (folder !== undefined) mkdirSync(folder, { recursive: true });
  const progress = err.isTTY === true && count >= 10_000;
  let chunk = '';
  let closed = false;
  out.on('error', () => {
    // EPIPE and the like: the reader is gone (`| head`), so there is no one left to write for.
    closed = true;
  });
  const flush = async () => {
    if (chunk === '' || closed) return;
    const drained = out.write(chunk);
    chunk = '';
    if (!drained) {
      // `once` rejects when the stream errors while waiting: that just means the reader left.
      await Promise.race([once(out, 'drain'), once(out, 'close')]).catch(() => undefined);
    }
  };
  for (let index = 1; index <= count && !closed; index += 1) {
    // Not padded: the n-th event is the same whatever --count is.
    const id = `evt_gen_${index}`;
    const event = make(id);
    const violations = contract.validateEvent(event);
    if (violations.length > 0)
      throw new Error(
        `Generated ${id} breaks the spec (a defect of the mock): ${violations.map(formatViolation).join('; ')}`,
      );
    if (folder === undefined) {
      chunk += `${serialize(event)}\n`;
      if (chunk.length > 65_536) await flush();
    } else {
      writeFileSync(
        join(folder, `${id}.json`),
        `${JSON.stringify(JSON.parse(serialize(event)), null, 2)}\n`,
      );
    }
    if (progress && index % 5_000 === 0) err.write(`\rgenerated ${index}/${count}`);
  }
  await flush();
  if (closed) return 0;
  if (progress) err.write(`\rgenerated ${count}/${count}\n`);
  if (folder !== undefined) out.write(`wrote ${count} events to ${folder} (seed "${seed}")\n`);
  return 0;
}
