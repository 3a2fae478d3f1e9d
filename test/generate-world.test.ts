import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { generate } from '../src/cli/generate-command.js';
import { createEventGenerator } from '../src/generator/create-event-generator.js';
import { generateEvent, validateEvent } from '../src/library/generate-event.js';
import { startServer } from '../src/library/start-server.js';
import { instant } from './helpers/consistency/rule.js';
import { runMain, TextSink } from './helpers/in-process-cli.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function generated(args: readonly string[]): Promise<string[]> {
  const out = new TextSink();
  expect(await generate(args, out, new TextSink())).toBe(0);
  return out.text.trimEnd().split('\n');
}

const ids = (lines: readonly string[]) =>
  lines.map((line) => (JSON.parse(line) as { id: string }).id);

describe('generate --world', () => {
  it('writes the world’s own events in time order within --from and --to, valid, under UUIDv4 ids', async () => {
    const lines = await generated([
      '--world',
      '--from',
      '2026-06-01',
      '--to',
      '2026-06-02T06:00:00Z',
      '--seed',
      'demo',
      '--ndjson',
    ]);
    expect(lines.length).toBeGreaterThan(200);
    const events = lines.map((line) => JSON.parse(line) as { id: string; created_at: string });
    const times = events.map((event) => instant(event.created_at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(Date.parse('2026-06-01T00:00:00Z') * 1000);
    expect(times.at(-1)).toBeLessThan(Date.parse('2026-06-02T06:00:00Z') * 1000);
    for (const event of events) {
      expect(event.id).toMatch(UUID_V4);
      expect(validateEvent(event)).toEqual([]);
    }
    expect(new Set(ids(lines)).size).toBe(lines.length);
  });

  it('gives the first n events with --count, the same on every run', async () => {
    const args = ['--world', '--from', '2026-05-04', '--count', '50', '--seed', 'demo', '--ndjson'];
    const first = await generated(args);
    expect(first).toHaveLength(50);
    expect(await generated(args)).toEqual(first);
    const longer = await generated([
      '--world',
      '--from',
      '2026-05-04',
      '--count',
      '80',
      '--seed',
      'demo',
      '--ndjson',
    ]);
    expect(longer.slice(0, 50)).toEqual(first);
  });

  it('agrees byte for byte with the server on every event of a day', async () => {
    const lines = await generated([
      '--world',
      '--from',
      '2026-06-10',
      '--to',
      '2026-06-11',
      '--seed',
      'served',
      '--ndjson',
    ]);
    const server = await startServer({ seed: 'served', port: 0, log: { level: 'silent' } });
    const answer = async (id: string) => {
      const res = await fetch(`${server.url}/v1/audit/events/${id}`, {
        headers: { authorization: 'Bearer t' },
      });
      return res.text();
    };
    try {
      const answers: string[] = [];
      const all = ids(lines);
      for (let start = 0; start < all.length; start += 50)
        answers.push(...(await Promise.all(all.slice(start, start + 50).map(answer))));
      expect(answers).toEqual(lines);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('and the generator agree on every event of the whole world', () => {
    const make = createEventGenerator('whole');
    let count = 0;
    const different: string[] = [];
    for (const event of make.worldEvents()) {
      if (JSON.stringify(generateEvent(event.id, { seed: 'whole' })) !== JSON.stringify(event))
        different.push(event.id);
      count += 1;
    }
    expect(different).toEqual([]);
    expect(count).toBeGreaterThan(20_000);
  }, 120_000);
});

describe('generate to a slow reader', () => {
  it('waits for it to drain without leaving a listener behind each time', async () => {
    const out = new Writable({
      highWaterMark: 1024,
      write: (_chunk, _encoding, done) => setImmediate(done),
    });
    const code = await generate(
      ['--world', '--from', '2026-06-01', '--count', '3000', '--ndjson'],
      out,
      new TextSink(),
    );
    expect(code).toBe(0);
    expect([out.listenerCount('drain'), out.listenerCount('close')]).toEqual([0, 0]);
  });
});

describe('generate with flags that do not go together', () => {
  it.each([
    [
      '--from without --world',
      ['--count', '2', '--from', '2026-06-01', '--ndjson'],
      '--from and --to go with --world',
    ],
    [
      'a date it cannot read',
      ['--world', '--from', '06/01/2026', '--ndjson'],
      '--from needs a date',
    ],
    [
      '--from after --to',
      ['--world', '--from', '2026-06-02', '--to', '2026-06-01', '--ndjson'],
      '--from must be before --to',
    ],
    [
      '--world with a bad --count',
      ['--world', '--count', '0', '--ndjson'],
      'generate needs --count <n>',
    ],
  ])('with %s exits 2 saying what is wrong', async (_, args, message) => {
    const result = await runMain(['generate', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
