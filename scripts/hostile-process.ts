// Runs the hostile clients of scripts/hostile-clients.ts in a process of their own, so they do not
// share an event loop with the normal clients they are measured against:
//   node --import tsx scripts/hostile-process.ts <port> <seconds>
// Prints `started` once running, and what they got back as one JSON line
// ({ client: { outcome: count } }) when done.
import type { Tally } from './hostile-clients.js';
import { runHostileClients } from './hostile-clients.js';

const [port, seconds] = process.argv.slice(2).map(Number);
if (!port || !seconds) {
  console.error('usage: node --import tsx scripts/hostile-process.ts <port> <seconds>');
  process.exit(2);
}
const until = performance.now() + seconds * 1_000;
const tally: Tally = new Map();
const running = runHostileClients(port, () => performance.now() < until, tally);
process.stdout.write('started\n');
await running;
const plain = Object.fromEntries(
  [...tally].map(([client, outcomes]) => [client, Object.fromEntries(outcomes)]),
);
process.stdout.write(`${JSON.stringify(plain)}\n`);
