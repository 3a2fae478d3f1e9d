import { isRecord } from '../../../src/core/is-record.js';
import type { Rule } from './rule.js';
import { payloadField, perChain } from './rule.js';

export const accountChangesFollowOn: Rule = perChain(
  'account-changes-follow-on',
  'Changes to one account follow from each other: a role change starts from the role the last one ' +
    'set, a profile change from the value the last one set.',
  (event) =>
    event.resource_type === 'user' &&
    ['user.role_changed', 'user.updated'].includes(event.event_type)
      ? event.resource_id
      : null,
  (chain) => {
    const values = new Map<string, unknown>();
    for (const event of chain) {
      const raw = payloadField(event, 'changes');
      const changes: [string, unknown, unknown][] =
        event.event_type === 'user.role_changed'
          ? [['role', payloadField(event, 'from'), payloadField(event, 'to')]]
          : Object.entries(isRecord(raw) ? raw : {}).map(([field, change]) => [
              field,
              isRecord(change) ? change['from'] : undefined,
              isRecord(change) ? change['to'] : undefined,
            ]);
      for (const [field, from, to] of changes) {
        if (values.has(field) && values.get(field) !== from)
          return `${field} changed from ${String(from)} but was ${String(values.get(field))}`;
        values.set(field, to);
      }
    }
    return null;
  },
);

export const keysStopWhenRevoked: Rule = perChain(
  'keys-stop-when-revoked',
  'Once a key is revoked nothing is done with it any more: its automation is rejected ' +
    '(`api_key.rejected`, 401), and it is rejected only after its revocation.',
  (event) =>
    event.actor_type === 'api_key'
      ? event.actor_id
      : event.resource_type === 'api_key'
        ? event.resource_id
        : null,
  (chain) => {
    let revoked = false;
    for (const event of chain) {
      if (event.event_type === 'api_key.rejected' && !revoked)
        return 'rejected before any revocation';
      if (revoked && event.actor_type === 'api_key' && event.event_type !== 'api_key.rejected')
        return `${event.event_type} by a revoked key`;
      if (event.event_type === 'api_key.revoked' && event.status === 'success') revoked = true;
    }
    return null;
  },
);

export const workersStayOnTheirNode: Rule = perChain(
  'workers-stay-on-their-node',
  'A worker always lives on the same node: every event that names it carries the same node address.',
  (event) => event.worker_id,
  (chain) => {
    const nodes = new Set(chain.map((event) => event.node_ip));
    return nodes.size === 1 ? null : `on ${[...nodes].join(' and ')}`;
  },
);

export const incidentsInOrder: Rule = perChain(
  'incidents-in-order',
  'An incident (the events of a `node.unreachable` trace) starts with the node unreachable; its ' +
    'workers then miss heartbeats, on that node, and the node joins again last.',
  (event) =>
    event.event_group === 'node' || event.event_type === 'worker.heartbeat_missed'
      ? event.correlation_id
      : null,
  (chain) => {
    const first = chain[0];
    if (!first || first.event_type !== 'node.unreachable') return null;
    const strangers = chain.filter((event) => event.node_ip !== first.node_ip);
    if (strangers.length > 0) return `${strangers.length} events on another node`;
    const last = chain.at(-1);
    return last?.event_type === 'node.joined' ? null : `ends with ${String(last?.event_type)}`;
  },
);
