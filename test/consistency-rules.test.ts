import { beforeAll, describe, expect, it } from 'vitest';
import { createEventGenerator } from '../src/generator/create-event-generator.js';
import { CHAIN_RULES, EVENT_RULES } from './helpers/consistency/check-consistency.js';
import type { Event, Rule } from './helpers/consistency/rule.js';
import { inTimeOrder } from './helpers/consistency/rule.js';

let world: Event[] = [];
beforeAll(() => {
  world = [...createEventGenerator('broken-on-purpose-2').worldEvents()];
}, 120_000);

const first = (where: (event: Event) => boolean): Event => {
  const found = world.find(where);
  if (!found) throw new Error('the world has no such event');
  return found;
};
const type = (name: string) => (event: Event) => event.event_type === name;
/** All events that share a field with the first event that matches. */
const chainOf = (field: keyof Event, where: (event: Event) => boolean) => {
  const value = first(where)[field];
  return inTimeOrder(world.filter((event) => event[field] === value));
};
const replace = (events: readonly Event[], index: number, changes: Partial<Event>) =>
  events.map((event, i) => (i === index ? { ...event, ...changes } : event));
const indexOf = (events: readonly Event[], name: string) => events.findIndex(type(name));
const at = (events: readonly Event[], index: number): Event => {
  const found = events[index];
  if (!found) throw new Error(`no event ${index}`);
  return found;
};
/** A case on one event: `changes` break it. */
const single = (rule: string, where: (event: Event) => boolean, changes: () => Partial<Event>) => ({
  rule,
  valid: () => [first(where)],
  broken: (valid: Event[]) => replace(valid, 0, changes()),
});

/** For each rule: events that keep it, and the same events broken the way the rule forbids. */
const CASES: readonly {
  rule: string;
  valid: () => Event[];
  broken: (valid: Event[]) => Event[];
}[] = [
  single('status-follows-name', type('task.succeeded'), () => ({ status: 'failure' })),
  single(
    'http-fields-follow-source',
    (e) => e.source === 'web',
    () => ({ user_agent: null }),
  ),
  single('code-follows-status', type('access.rate_limited'), () => ({ http_status: 404 })),
  single('message-fits-code-and-kind', type('access.rate_limited'), () => ({
    error_message: 'Not enough permissions',
  })),
  single(
    'payload-agrees',
    (e) => e.event_type === 'vm.resized' && e.status === 'success',
    () => ({
      event_payload: { from_size: 'standard-4', to_size: 'standard-4', restart_required: false },
    }),
  ),
  single('session-only-when-logged-in', type('auth.login_failed'), () => ({
    session_id: first((e) => e.session_id !== null).session_id,
  })),
  single(
    'latency-fits-outcome',
    (e) => e.http_status === 504,
    () => ({ latency_ms: 80 }),
  ),
  single(
    'user-agent-plausible',
    (e) => e.source === 'web',
    () => ({
      user_agent: 'Mozilla/5.0 (Windows NT 5.1; rv:7.0) Gecko/20100101 Firefox/7.0',
    }),
  ),
  single(
    'addresses-never-real',
    (e) => e.ip_address !== null,
    () => ({ ip_address: '8.8.8.8' }),
  ),
  {
    rule: 'task-chain-in-order',
    valid: () => chainOf('correlation_id', type('task.succeeded')),
    // The task succeeds before it is submitted.
    broken: (chain) =>
      replace(chain, indexOf(chain, 'task.succeeded'), { created_at: '2026-04-01T00:00:00Z' }),
  },
  {
    rule: 'session-chain-in-order',
    valid: () => chainOf('session_id', type('auth.logout')),
    broken: (chain) =>
      replace(chain, indexOf(chain, 'auth.login_succeeded'), { ip_address: '198.51.100.254' }),
  },
  {
    rule: 'vm-changes-follow-on',
    valid: () => chainOf('vm_id', (e) => e.event_type === 'vm.stopped' && e.status === 'success'),
    // Stopped twice in a row: the second stop finds it stopped already.
    broken: (chain) => {
      const stop = at(chain, indexOf(chain, 'vm.stopped'));
      return inTimeOrder([
        ...chain,
        { ...stop, id: 'twice', created_at: `${stop.created_at.slice(0, 19)}.999999Z` },
      ]);
    },
  },
  {
    rule: 'account-changes-follow-on',
    valid: () => chainOf('resource_id', type('user.updated')),
    broken: (chain) => {
      const update = at(chain, indexOf(chain, 'user.updated'));
      const changes = { timezone: { from: 'Asia/Tokyo', to: 'UTC' } };
      return [
        ...chain,
        { ...update, id: 'again', created_at: '2026-06-29T12:00:00Z', event_payload: { changes } },
      ];
    },
  },
  {
    rule: 'keys-stop-when-revoked',
    valid: () => chainOf('resource_id', type('api_key.rejected')),
    // Rejected though it was never revoked.
    broken: (chain) => chain.filter((e) => e.event_type !== 'api_key.revoked'),
  },
  {
    rule: 'workers-stay-on-their-node',
    valid: () => chainOf('worker_id', type('task.started')),
    broken: (chain) => replace(chain, 0, { node_ip: '10.20.9.99' }),
  },
  {
    rule: 'incidents-in-order',
    valid: () => chainOf('correlation_id', type('node.unreachable')),
    broken: (chain) =>
      replace(chain, indexOf(chain, 'worker.heartbeat_missed'), { node_ip: '10.20.9.99' }),
  },
  {
    rule: 'people-keep-their-clients',
    valid: () =>
      chainOf('user_id', (e) => e.session_id !== null).filter((e) => e.session_id !== null),
    // Two more addresses for one person.
    broken: (events) => [
      ...events,
      { ...at(events, 0), id: 'x1', ip_address: '203.0.113.250' },
      { ...at(events, 0), id: 'x2', ip_address: '203.0.113.251' },
    ],
  },
];

const RULES = new Map<string, Rule>(
  [...EVENT_RULES, ...CHAIN_RULES].map((rule) => [rule.name, rule]),
);

describe('the consistency checker', () => {
  it('has a broken case for every rule', () => {
    expect(CASES.map((c) => c.rule).sort()).toEqual([...RULES.keys()].sort());
  });

  it.each(CASES.map((c) => [c.rule, c] as const))(
    'flags "%s" when an event breaks it',
    (name, c) => {
      const rule = RULES.get(name);
      if (!rule) throw new Error(`no rule ${name}`);
      const valid = c.valid();
      expect(rule.check(valid).broken).toEqual([]);
      const result = rule.check(c.broken(valid));
      expect(result.broken).toHaveLength(1);
    },
  );
});
