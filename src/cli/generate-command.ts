import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileContract } from '../contract/compile-contract.js';
import { loadSpec } from '../contract/load-spec.js';
import { formatViolation } from '../core/violation.js';
import type { CompleteAuditEvent } from '../generator/audit-event.js';
import { createEventGenerator } from '../generator/create-event-generator.js';
import { DEFAULT_SEED } from '../contract/option-default.js';
import { createEventSerializer } from '../wire/create-event-serializer.js';
import type { GenerateOptions } from './generate-options.js';
import { parseGenerateOptions } from './generate-options.js';
import { GENERATE_USAGE } from './usage.js';

type Output = NodeJS.WritableStream & { isTTY?: boolean };

/**
 * The events asked for: `evt_gen_<n>` for --count (not padded: the n-th event is the same whatever
 * --count is), the world's own in time order for --world.
 */
function* events(options: GenerateOptions, seed: string): Generator<CompleteAuditEvent> {
  const make = createEventGenerator(seed);
  if (options.mode === 'count') {
    const count = options.count ?? 0;
    for (let index = 1; index <= count; index += 1) yield make(`evt_gen_${index}`);
    return;
  }
  let left = options.count ?? Infinity;
  const range = {
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(options.to === undefined ? {} : { to: options.to }),
  };
  for (const event of make.worldEvents(range)) {
    if (left-- <= 0) return;
    yield event;
  }
}

/** A writer to standard output that stops quietly when its reader goes away (`| head`). */
function ndjsonWriter(out: Output) {
  let chunk = '';
  const state = { closed: false };
  out.on('error', () => {
    // EPIPE and the like: the reader is gone, so there is no one left to write for.
    state.closed = true;
  });
  const flush = async () => {
    if (chunk === '' || state.closed) return;
    const drained = out.write(chunk);
    chunk = '';
    if (drained) return;
    // `once` rejects when the stream errors while waiting: that just means the reader left. The
    // listener that lost the race is removed, or every full pipe buffer would leave one behind.
    const settled = new AbortController();
    const { signal } = settled;
    await Promise.race([once(out, 'drain', { signal }), once(out, 'close', { signal })]).catch(
      () => undefined,
    );
    settled.abort();
  };
  return {
    state,
    flush,
    async write(line: string) {
      chunk += `${line}\n`;
      if (chunk.length > 65_536) await flush();
    },
  };
}

/** Runs `generate`; returns the exit code. Stops quietly when the reader of standard output goes away. */
export async function generate(args: readonly string[], out: Output, err: Output): Promise<number> {
  const options = parseGenerateOptions(args);
  if (options.help) {
    out.write(GENERATE_USAGE);
    return 0;
  }
  const seed = options.seed ?? DEFAULT_SEED;
  const contract = compileContract(loadSpec());
  const serialize = createEventSerializer(contract.eventFields);
  const folder = options.out === undefined ? undefined : join(options.out, 'events');
  if (folder !== undefined) mkdirSync(folder, { recursive: true });
  const progress = err.isTTY === true && (options.count ?? Infinity) >= 10_000;
  const writer = ndjsonWriter(out);
  let written = 0;
  for (const event of events(options, seed)) {
    if (writer.state.closed) break;
    const violations = contract.validateEvent(event);
    if (violations.length > 0)
      throw new Error(
        `Generated ${event.id} breaks the spec (a defect of the mock): ${violations.map(formatViolation).join('; ')}`,
      );
    if (folder === undefined) await writer.write(serialize(event));
    else
      writeFileSync(
        join(folder, `${event.id}.json`),
        `${JSON.stringify(JSON.parse(serialize(event)), null, 2)}\n`,
      );
    written += 1;
    if (progress && written % 5_000 === 0) err.write(`\rgenerated ${written}`);
  }
  await writer.flush();
  if (writer.state.closed) return 0;
  if (progress) err.write(`\rgenerated ${written}\n`);
  if (folder !== undefined) out.write(`wrote ${written} events to ${folder} (seed "${seed}")\n`);
  return 0;
}
