import { isRecord } from '../../../src/core/is-record.js';
import type { CompleteAuditEvent } from '../../../src/generator/audit-event.js';

export type Event = CompleteAuditEvent;

/** What a rule found: how many events (or chains) it looked at, and each one that breaks it. */
export interface RuleResult {
  readonly rule: string;
  readonly checked: number;
  readonly broken: readonly string[];
}

/** One consistency rule over a set of events. */
export interface Rule {
  readonly name: string;
  /** What must hold, and the exceptions the real domain has (with why). */
  readonly says: string;
  check(events: readonly Event[]): RuleResult;
}

/** A rule on single events: `verdict` gives undefined when it does not apply, else null or a problem. */
export function perEvent(
  name: string,
  says: string,
  verdict: (event: Event) => string | null | undefined,
): Rule {
  return {
    name,
    says,
    check(events) {
      let checked = 0;
      const broken: string[] = [];
      for (const event of events) {
        const problem = verdict(event);
        if (problem === undefined) continue;
        checked += 1;
        if (problem !== null) broken.push(`${event.id} (${event.event_type}): ${problem}`);
      }
      return { rule: name, checked, broken };
    },
  };
}

/** A rule on chains: events grouped by `key` (null: not in a chain), each group in time order. */
export function perChain(
  name: string,
  says: string,
  key: (event: Event) => string | number | null,
  verdict: (chain: readonly Event[]) => string | null,
): Rule {
  return {
    name,
    says,
    check(events) {
      const chains = new Map<string | number, Event[]>();
      for (const event of events) {
        const k = key(event);
        if (k === null) continue;
        const chain = chains.get(k) ?? [];
        chain.push(event);
        chains.set(k, chain);
      }
      const broken: string[] = [];
      for (const [k, chain] of chains) {
        const problem = verdict(inTimeOrder(chain));
        if (problem !== null) broken.push(`${String(k)}: ${problem}`);
      }
      return { rule: name, checked: chains.size, broken };
    },
  };
}

/** Microseconds since 1970 of a `created_at` (string order is wrong when one has no fraction). */
export function instant(createdAt: string): number {
  const match = /^(.{19})(?:\.(\d{6}))?Z$/.exec(createdAt);
  if (!match) return NaN;
  return Date.parse(`${match[1]}Z`) * 1000 + Number(match[2] ?? 0);
}

export function inTimeOrder(events: readonly Event[]): Event[] {
  return events
    .map((event, order) => ({ event, order, at: instant(event.created_at) }))
    .sort((a, b) => a.at - b.at || a.order - b.order)
    .map(({ event }) => event);
}

/** A field of the payload, when the payload is an object. */
export function payloadField(event: Event, name: string): unknown {
  return isRecord(event.event_payload) ? event.event_payload[name] : undefined;
}

export const HTTP_SOURCES: ReadonlySet<string> = new Set(['web', 'api', 'cli']);
