// Reads generated events as NDJSON on standard input and prints, for each consistency rule of
// test/helpers/consistency, how many events (or chains) it checked and how many keep it.
// Usage: audit-events-mock generate --count 20000 --seed 1 --ndjson | npx tsx scripts/consistency-report.ts
import { createInterface } from 'node:readline';
import {
  CHAIN_RULES,
  checkConsistency,
  EVENT_RULES,
} from '../test/helpers/consistency/check-consistency.js';
import type { Event } from '../test/helpers/consistency/rule.js';

const events: Event[] = [];
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() !== '') events.push(JSON.parse(line) as Event);
}
const results = checkConsistency(events, [...EVENT_RULES, ...CHAIN_RULES]);
const width = Math.max(...results.map((result) => result.rule.length));
console.log(`${events.length} events`);
for (const { rule, checked, broken } of results) {
  const kept = checked - broken.length;
  const share = checked === 0 ? '-' : `${((100 * kept) / checked).toFixed(1)}%`;
  console.log(
    `${rule.padEnd(width)}  ${String(kept).padStart(6)} / ${String(checked).padEnd(6)} ${share}`,
  );
  for (const example of broken.slice(0, Number(process.env['EXAMPLES'] ?? 0)))
    console.log(`    ${example}`);
}

// Continuity: how many different values each id field takes, and how many events share theirs.
const distinct = new Set(events.map((event) => JSON.stringify({ ...event, id: null }))).size;
console.log(`\n${distinct} different events once the id is set aside`);
for (const field of ['user_id', 'session_id', 'vm_id', 'correlation_id', 'actor_id'] as const) {
  const counts = new Map<unknown, number>();
  for (const event of events)
    if (event[field] !== null) counts.set(event[field], (counts.get(event[field]) ?? 0) + 1);
  const withValue = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const shared = [...counts.values()].filter((n) => n > 1).reduce((sum, n) => sum + n, 0);
  console.log(
    `${field.padEnd(15)} ${String(counts.size).padStart(6)} values on ${String(withValue).padStart(6)} events; ${String(shared).padStart(6)} events share theirs with another`,
  );
}
