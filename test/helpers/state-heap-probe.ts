// Measures the heap that run-time state holds, for test/state-budget.test.ts. Run in a process of
// its own: node --expose-gc --max-old-space-size=<MB> --import tsx test/helpers/state-heap-probe.ts
// PUTs fixtures of 1 MB whose event_payload holds 19,000 empty objects and a long string (the
// admin API parses at most 20,000 values) until PROBE_PUTS are sent
// (default 70), into a mock with PROBE_STATE_BYTES of budget (by default the default), then resets
// it; prints the figures as one JSON line.
import { generateEvent } from '../../src/library/generate-event.js';
import { startServer } from '../../src/library/start-server.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
const collect = gc;

/** The JavaScript heap plus memory outside it that objects hold (Buffers' bytes). */
function heapUsed(): number {
  for (let round = 0; round < 3; round += 1) collect();
  const { heapUsed: heap, external } = process.memoryUsage();
  return heap + external;
}

const puts = Number(process.env['PROBE_PUTS'] ?? 70);
const stateBytes = process.env['PROBE_STATE_BYTES'];
const server = await startServer({
  port: 0,
  log: { level: 'silent' },
  ...(stateBytes === undefined ? {} : { limits: { stateBytes: Number(stateBytes) } }),
});
const put = (id: string, body: string) =>
  fetch(`${server.url}/__mock/fixtures/${id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body,
  });
const payload = (objects: number, filler: number) =>
  `{"objects":[${'{},'.repeat(objects - 1)}{}],"filler":"${'f'.repeat(filler)}"}`;
const fixture = (id: string, objects: number, filler = 0) =>
  JSON.stringify({ ...generateEvent(id), event_payload: null }).replace(
    '"event_payload":null',
    `"event_payload":${payload(objects, filler)}`,
  );

// Warm up what the first admin call loads (Express, the schemas), then measure from there.
await put('warm', fixture('warm', 10));
await fetch(`${server.url}/__mock/reset?all=true`, { method: 'POST' });
const before = heapUsed();

const statuses: number[] = [];
let refusal = '';
for (let index = 0; index < puts; index += 1) {
  const res = await put(`big_${index}`, fixture(`big_${index}`, 19_000, 950_000));
  statuses.push(res.status);
  const text = await res.text();
  if (res.status !== 201 && refusal === '') refusal = text;
}
const full = heapUsed();
const health = (await (await fetch(`${server.url}/__mock/health`)).json()) as {
  state: { usedBytes: number; budgetBytes: number };
};
const served = await fetch(`${server.url}/v1/audit/events/big_0`, {
  headers: { authorization: 'Bearer t' },
});
const servedBytes = (await served.arrayBuffer()).byteLength;

await fetch(`${server.url}/__mock/reset?all=true`, { method: 'POST' });
const after = heapUsed();
await server.close();
process.stdout.write(
  `${JSON.stringify({ before, full, after, statuses, refusal, state: health.state, servedBytes })}\n`,
);
