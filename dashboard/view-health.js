/** @import { AdminClient } from './admin-client.js' */
/** @import { FixtureListing } from './types.js' */
import { AdminError } from './admin-client.js';
import { h, replace } from './dom.js';
import { formatBytes, formatDuration } from './format.js';
import { problemList } from './problem-list.js';

/**
 * @param {unknown} value
 * @returns {Record<string, unknown>}
 */
const record = (value) => (typeof value === 'object' && value !== null ? { ...value } : {});

/**
 * The budget line: used of the limit, as a meter, when the mock reports one.
 * @param {Record<string, unknown>} state
 */
function budget(state) {
  const used = state['usedBytes'];
  const limit = state['budgetBytes'];
  if (typeof used !== 'number' || typeof limit !== 'number')
    return h('span', { class: 'muted' }, 'not reported by this version of the mock');
  return [
    h('meter', {
      id: 'budget-meter',
      min: 0,
      max: limit,
      value: used,
      'aria-label': 'Run-time state budget used',
    }),
    ` ${formatBytes(used)} of ${formatBytes(limit)} (${((100 * used) / limit).toFixed(1)}%)`,
  ];
}

/**
 * The Health view: version, seed, spec, fixture counts, requests, uptime and budget use.
 * @param {HTMLElement} panel
 * @param {{ client: AdminClient }} deps
 */
export function createHealthView(panel, { client }) {
  const list = h('dl', { class: 'facts', id: 'health' });
  replace(panel, h('h2', {}, 'Health'), list);

  return {
    async refresh() {
      try {
        const health = record(await client.call('GET', 'health'));
        const found = await client.call('GET', 'fixtures');
        /** @type {FixtureListing[]} */
        const fixtures = Array.isArray(found) ? found : [];
        const files = fixtures.filter((fixture) => fixture.origin === 'file');
        const spec = record(health['spec']);
        const state = record(health['state']);
        const uptime = health['uptimeSeconds'];
        /** @type {[string, import('./dom.js').Children][]} */
        const facts = [
          ['Status', String(health['status'] ?? '?')],
          ['Version', String(health['version'] ?? '?')],
          ['Seed', h('code', {}, String(health['seed'] ?? '?'))],
          [
            'Spec',
            spec['title']
              ? `${String(spec['title'])} ${String(spec['version'] ?? '')}`
              : h('span', { class: 'muted' }, 'not reported'),
          ],
          [
            'Fixture files',
            `${files.filter((fixture) => fixture.kind === 'event').length} events, ${files.filter((fixture) => fixture.kind === 'response').length} response fixtures`,
          ],
          ['Run-time fixtures (global)', String(fixtures.length - files.length)],
          ['Requests since start', String(health['requests'] ?? '?')],
          ['Uptime', typeof uptime === 'number' ? formatDuration(uptime) : '?'],
          ['State budget', budget(state)],
        ];
        replace(
          list,
          facts.map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]),
        );
      } catch (error) {
        replace(
          list,
          problemList(
            error instanceof AdminError ? error.detail : String(error),
            'Cannot read the health',
          ),
        );
      }
    },
  };
}
