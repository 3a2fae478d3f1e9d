/** @import { AdminClient } from './admin-client.js' */
/** @import { FixtureListing } from './types.js' */
import { AdminError } from './admin-client.js';
import { h, replace } from './dom.js';
import { formatDuration } from './format.js';
import { problemList } from './problem-list.js';

/**
 * @param {unknown} value
 * @returns {Record<string, unknown>}
 */
const record = (value) => (typeof value === 'object' && value !== null ? { ...value } : {});

/**
 * A count or size in bytes, short: `312`, `1.5 MiB`.
 * @param {number} value
 * @param {boolean} bytes
 */
function amount(value, bytes) {
  if (!bytes) return String(value);
  if (value < 1024) return `${value} B`;
  if (value < 1024 * 1024) return `${(value / 1024).toFixed(1)} KiB`;
  return `${(value / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * One limit of the run-time state, as a meter: `312 of 1000`.
 * @param {string} id
 * @param {string} label
 * @param {unknown} use `{used, limit}` as the health answer has it
 * @param {boolean} [bytes] the numbers are bytes
 */
function meter(id, label, use, bytes = false) {
  const { used, limit } = record(use);
  if (typeof used !== 'number' || typeof limit !== 'number' || limit <= 0)
    return h('span', { class: 'muted' }, 'not reported by this version of the mock');
  return [
    h('meter', { id, min: 0, max: limit, value: used, 'aria-label': label }),
    ` ${amount(used, bytes)} of ${amount(limit, bytes)} (${((100 * used) / limit).toFixed(1)}%)`,
  ];
}

/**
 * What the journal holds: `12 entries in 3 sessions (at most 1000 per session)`.
 * @param {Record<string, unknown>} journal
 */
function journalText(journal) {
  const { entries, sessions, limitPerSession } = journal;
  if (typeof entries !== 'number')
    return h('span', { class: 'muted' }, 'not reported by this version of the mock');
  const where = typeof sessions === 'number' && sessions > 0 ? ` in ${sessions} sessions` : '';
  const limit =
    typeof limitPerSession === 'number' ? ` (at most ${limitPerSession} per session)` : '';
  return `${entries} entries${where}${limit}`;
}

/**
 * The Health view: version, seed, spec, fixture counts, requests, uptime, and how much of the
 * run-time state's budget and limits is used.
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
          [
            'Run-time state budget',
            meter(
              'budget-meter',
              'Run-time state budget in use',
              { used: state['usedBytes'], limit: state['budgetBytes'] },
              true,
            ),
          ],
          ['Journal (entries kept)', journalText(record(state['journal']))],
          [
            'Sessions with run-time state',
            meter('sessions-meter', 'Sessions with run-time state', state['sessions']),
          ],
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
