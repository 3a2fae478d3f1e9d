import { isIPv4, isIPv6 } from 'node:net';
import { describe, expect, it } from 'vitest';
import { compileContract } from '../src/contract/compile-contract.js';
import { loadSpec } from '../src/contract/load-spec.js';
import { createEventGenerator } from '../src/generator/create-event-generator.js';
import { REFERENCE_DATE } from '../src/generator/time.js';
import { PROVIDER_DATE_TIME } from '../src/wire/format-provider-date-time.js';

const COUNT = 5_000;
const contract = compileContract(loadSpec());
const generate = createEventGenerator('property-test');
const events = Array.from({ length: COUNT }, (_, index) =>
  generate(`prop-${index}-${(index * 7919).toString(36)}`),
);

const HTTP_FIELDS = [
  'request_id',
  'http_method',
  'path',
  'http_status',
  'latency_ms',
  'ip_address',
  'user_agent',
] as const;
const HTTP_STATUS_BY_STATUS: Record<string, number[]> = {
  success: [200, 201, 202, 204],
  failure: [400, 404, 409, 422],
  denied: [401, 403, 429],
  error: [500, 502, 503, 504],
};
const DOC_RANGES = [/^192\.0\.2\.\d+$/, /^198\.51\.100\.\d+$/, /^203\.0\.113\.\d+$/, /^2001:db8:/];
const FAILURE_NAMED =
  /_failed$|^(rejected|crashed|unreachable|timed_out|heartbeat_missed|permission_denied|rate_limited|account_locked)$/;
const share = (predicate: (event: (typeof events)[number]) => boolean) =>
  events.filter(predicate).length / COUNT;

describe(`${COUNT} generated events`, () => {
  it('all validate against the spec', () => {
    const broken = events
      .map((event) => contract.validateEvent(event))
      .filter((violations) => violations.length > 0);
    expect(broken).toEqual([]);
  });

  it('set the HTTP fields exactly for web, api and cli sources', () => {
    for (const event of events) {
      const fromHttp = ['web', 'api', 'cli'].includes(event.source);
      for (const field of HTTP_FIELDS)
        expect(event[field] !== null, `${event.id}.${field}`).toBe(fromHttp);
      if (fromHttp) expect(['user', 'api_key']).toContain(event.actor_type);
      else expect(['service', 'system']).toContain(event.actor_type);
    }
  });

  it('have an error message if and only if the status is not success, and a matching http_status', () => {
    for (const event of events) {
      expect(event.error_message !== null, event.id).toBe(event.status !== 'success');
      if (event.http_status !== null)
        expect(HTTP_STATUS_BY_STATUS[event.status]).toContain(event.http_status);
      if (FAILURE_NAMED.test(event.event_type.split('.')[1] ?? ''))
        expect(event.status).not.toBe('success');
    }
  });

  it('keep actors, ids and resources consistent', () => {
    for (const event of events) {
      expect(event.event_type.startsWith(`${event.event_group}.`)).toBe(true);
      if (event.user_id !== null) expect(Number.isInteger(event.user_id)).toBe(true);
      if (event.task_id !== null) expect(Number.isInteger(event.task_id)).toBe(true);
      if (event.actor_type === 'user') expect(event.actor_id).toBe(String(event.user_id));
      if (event.actor_type === 'api_key') expect(event.actor_id).toMatch(/^key_[0-9a-f]{16}$/);
      if (event.actor_type === 'service')
        expect(['scheduler', 'vm-controller', 'task-runner', 'node-agent']).toContain(
          event.actor_id,
        );
      if (event.actor_type === 'system') expect([null, 'system']).toContain(event.actor_id);
      if (['service', 'system'].includes(event.actor_type)) expect(event.user_id).toBeNull();
      if (event.session_id !== null)
        expect(event.actor_type === 'user' && ['web', 'cli'].includes(event.source)).toBe(true);
      if (event.resource_type === 'vm') expect(event.resource_id).toBe(event.vm_id);
      if (event.resource_type === 'task') expect(event.resource_id).toBe(String(event.task_id));
      if (event.resource_type === null) expect(event.resource_id).toBeNull();
    }
  });

  it('use documentation-range client addresses (some IPv6) and private node addresses', () => {
    const clients = events.flatMap((event) =>
      event.ip_address === null ? [] : [event.ip_address],
    );
    for (const ip of clients) {
      expect(isIPv4(ip) || isIPv6(ip), ip).toBe(true);
      expect(
        DOC_RANGES.some((range) => range.test(ip)),
        ip,
      ).toBe(true);
    }
    // About 15% of the cast's addresses are IPv6; over events the share follows who is busiest.
    const v6 = clients.filter((ip) => isIPv6(ip)).length / clients.length;
    expect(v6).toBeGreaterThan(0.02);
    expect(v6).toBeLessThan(0.4);
    for (const event of events) {
      if (event.node_ip !== null) expect(event.node_ip).toMatch(/^10\.20\.\d+\.\d+$/);
      // Node events name the node alone; worker, task and VM events also name the worker.
      if (event.worker_id !== null) expect(event.node_ip).not.toBeNull();
      if (event.event_group === 'node') expect(event.worker_id).toBeNull();
    }
  });

  it('keep a worker on one node and a task on one trace', () => {
    const nodeOfWorker = new Map<string, string>();
    const traceOfTask = new Map<number, string | null>();
    for (const event of events) {
      if (event.worker_id !== null && event.node_ip !== null) {
        const node = event.worker_id.replace(/-\d+$/, '');
        expect(nodeOfWorker.get(node) ?? event.node_ip).toBe(event.node_ip);
        nodeOfWorker.set(node, event.node_ip);
      }
      if (event.task_id !== null) {
        expect(traceOfTask.get(event.task_id) ?? event.correlation_id).toBe(event.correlation_id);
        traceOfTask.set(event.task_id, event.correlation_id);
      }
    }
    expect(nodeOfWorker.size).toBeGreaterThan(1);
  });

  it('date events in the provider format within the 90 days before the reference date', () => {
    const end = Date.parse(REFERENCE_DATE);
    for (const event of events) {
      expect(event.created_at).toMatch(PROVIDER_DATE_TIME);
      const at = Date.parse(event.created_at);
      expect(at).toBeLessThan(end);
      expect(at).toBeGreaterThan(end - 91 * 86_400_000);
    }
  });

  it('follow the domain mix of statuses, actors and payloads', () => {
    // Failures come from what goes wrong in the world's stories, so their share is the stories':
    // mostly successes, every kind of outcome present.
    expect(share((event) => event.status === 'success')).toBeGreaterThan(0.85);
    expect(share((event) => event.status === 'success')).toBeLessThan(0.97);
    for (const status of ['failure', 'denied', 'error'])
      expect(share((event) => event.status === status)).toBeGreaterThan(0.002);
    expect(share((event) => event.actor_type === 'user')).toBeGreaterThan(0.4);
    expect(share((event) => event.actor_type === 'user')).toBeLessThan(0.65);
    expect(share((event) => event.event_payload === null)).toBeGreaterThan(0.05);
    expect(share((event) => event.event_payload === null)).toBeLessThan(0.35);
    const types = new Set(events.map((event) => event.event_type));
    expect(types.size).toBeGreaterThan(35);
  });
});
