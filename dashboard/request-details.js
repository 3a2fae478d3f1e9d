/** @import { LiveRequest } from './types.js' */
import { h } from './dom.js';
import { prettyBody } from './format.js';

/**
 * The expanded part of a request's row: the request headers (credentials redacted by the mock),
 * then the answer: where it came from, the contract check, and the body pretty-printed.
 * @param {LiveRequest} live
 */
export function requestDetails({ entry, response }) {
  const headers = Object.entries(entry.headers).sort(([a], [b]) => a.localeCompare(b));
  return h(
    'div',
    { class: 'details' },
    h(
      'section',
      { 'aria-label': `Request #${entry.seq}` },
      h('h3', {}, 'Request'),
      h('p', { class: 'mono' }, `${entry.method} ${entry.path}`),
      h(
        'p',
        { class: 'muted' },
        `Event id ${entry.eventId ?? '—'}, session ${entry.session ?? '— (none)'}, at ${entry.time}`,
      ),
      h(
        'dl',
        { class: 'headers' },
        headers.map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]),
      ),
    ),
    h(
      'section',
      { 'aria-label': `Answer to request #${entry.seq}` },
      h('h3', {}, 'Answer'),
      h(
        'p',
        {},
        `${entry.status} from ${entry.source}`,
        entry.scenario ? ` (scenario ${entry.scenario})` : '',
        entry.fault ? `, broken on the wire: ${entry.fault}` : '',
        `, ${entry.latencyMs.toFixed(1)} ms`,
      ),
      entry.valid
        ? null
        : h('p', { class: 'bad' }, 'The mock caught this answer breaking the contract.'),
      response === null
        ? h(
            'p',
            { class: 'muted' },
            'The body is not shown: this request came before the page was opened (the journal keeps no bodies).',
          )
        : [
            response.violations.length > 0
              ? h(
                  'ul',
                  { class: 'violations', 'aria-label': 'Contract violations' },
                  response.violations.map((violation) =>
                    h(
                      'li',
                      {},
                      h('code', {}, violation.pointer || '/'),
                      ` ${violation.message} (rule: ${violation.rule})`,
                    ),
                  ),
                )
              : null,
            h('p', { class: 'muted' }, response.contentType ?? 'no content type'),
            h(
              'pre',
              {
                class: 'body',
                tabindex: 0,
                'aria-label': `Body of the answer to request #${entry.seq}`,
              },
              response.body === '' ? '(empty body)' : prettyBody(response.body),
            ),
            response.truncated
              ? h('p', { class: 'muted' }, 'The body was cut after 64 KiB.')
              : null,
          ],
    ),
  );
}
