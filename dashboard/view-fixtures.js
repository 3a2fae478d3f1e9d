/** @import { AdminClient } from './admin-client.js' */
/** @import { FixtureListing } from './types.js' */
import { AdminError } from './admin-client.js';
import { field, h, replace, select } from './dom.js';
import { prettyJson } from './format.js';
import { problemList } from './problem-list.js';

const NEW_RESPONSE = { status: 404, body: { detail: 'Audit event not found' } };

/**
 * What `GET /__mock/fixtures/{id}` answers, as the body `PUT` takes back.
 * @param {unknown} fixture
 */
function editableBody(fixture) {
  if (typeof fixture !== 'object' || fixture === null) return fixture;
  if ('event' in fixture) return fixture.event;
  if (!('body' in fixture) || typeof fixture.body !== 'string') return fixture;
  const headers =
    'headers' in fixture && typeof fixture.headers === 'object' ? fixture.headers : {};
  let body;
  try {
    body = JSON.parse(fixture.body);
  } catch {
    body = fixture.body;
  }
  return { status: 'status' in fixture ? fixture.status : 200, headers, body };
}

/**
 * The Fixtures view: every fixture the session sees (files and run-time), searchable; one shown
 * as formatted JSON; a run-time fixture added or edited, with the contract's violations inline.
 * @param {HTMLElement} panel
 * @param {{ client: AdminClient, session: () => string | null }} deps
 */
export function createFixturesView(panel, { client, session }) {
  /** @type {FixtureListing[]} */
  let fixtures = [];
  const search = h('input', { id: 'fixtures-search', type: 'search', autocomplete: 'off' });
  const kind = select(
    { id: 'fixtures-kind' },
    [
      ['', 'all'],
      ['event', 'events'],
      ['response', 'response fixtures'],
    ],
    '',
  );
  const count = h('p', { class: 'count', role: 'status' });
  const list = h('div', { class: 'table-wrap' });
  const viewer = h('section', { class: 'viewer', 'aria-label': 'Fixture', 'aria-live': 'polite' });
  const idInput = h('input', {
    id: 'fixture-id',
    required: true,
    autocomplete: 'off',
    class: 'mono',
  });
  const json = h('textarea', { id: 'fixture-json', rows: 14, spellcheck: 'false', class: 'mono' });
  const problems = h('div', { role: 'alert', id: 'fixture-problems' });

  function renderList() {
    const text = search.value.trim().toLowerCase();
    const shown = fixtures.filter(
      (fixture) =>
        (kind.value === '' || fixture.kind === kind.value) &&
        fixture.id.toLowerCase().includes(text),
    );
    count.textContent = `${shown.length} of ${fixtures.length} fixtures.`;
    replace(
      list,
      h(
        'table',
        { id: 'fixtures' },
        h('caption', { class: 'visually-hidden' }, 'Fixtures'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Id', 'Kind', 'From', ''].map((name) => h('th', { scope: 'col' }, name)),
          ),
        ),
        h(
          'tbody',
          {},
          shown.map((fixture) =>
            h(
              'tr',
              {},
              h('td', { class: 'mono' }, fixture.id),
              h('td', {}, fixture.kind),
              h(
                'td',
                {},
                fixture.origin === 'file'
                  ? 'file'
                  : `run time${fixture.session === null ? ' (global)' : ` (${fixture.session})`}`,
              ),
              h(
                'td',
                {},
                h(
                  'button',
                  {
                    type: 'button',
                    'aria-label': `View fixture ${fixture.id}`,
                    onclick: () => void view(fixture),
                  },
                  'View',
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }

  /** @param {() => Promise<void>} action */
  async function guarded(action) {
    try {
      await action();
    } catch (error) {
      replace(
        problems,
        problemList(
          error instanceof AdminError ? error.detail : String(error),
          'The mock refused it',
        ),
      );
    }
  }

  /** @param {FixtureListing} listing */
  async function view(listing) {
    await guarded(async () => {
      const fixture = await client.call('GET', `fixtures/${encodeURIComponent(listing.id)}`, {
        session: session(),
      });
      const edit = () => {
        idInput.value = listing.id;
        json.value = prettyJson(editableBody(fixture));
        replace(problems);
        json.focus();
      };
      replace(
        viewer,
        h(
          'h3',
          {},
          `${listing.id} `,
          h(
            'span',
            { class: 'muted' },
            `${listing.kind}, ${listing.origin === 'file' ? 'file' : 'run time'}`,
          ),
        ),
        h(
          'div',
          { class: 'buttons' },
          h(
            'button',
            { type: 'button', onclick: edit },
            listing.origin === 'file' ? 'Copy to a run-time fixture' : 'Edit',
          ),
          listing.origin === 'runtime'
            ? h('button', { type: 'button', onclick: () => void remove(listing) }, 'Delete')
            : null,
        ),
        h(
          'pre',
          { class: 'body', tabindex: 0, 'aria-label': `Fixture ${listing.id} as JSON` },
          prettyJson(fixture),
        ),
      );
    });
  }

  /** @param {FixtureListing} listing */
  async function remove(listing) {
    await guarded(async () => {
      await client.call('DELETE', `fixtures/${encodeURIComponent(listing.id)}`, {
        session: listing.session,
      });
      replace(viewer, h('p', { class: 'ok' }, `Deleted the run-time fixture ${listing.id}.`));
      await refresh();
    });
  }

  async function save() {
    replace(problems);
    const id = idInput.value.trim();
    /** @type {unknown} */
    let body;
    try {
      body = JSON.parse(json.value);
    } catch (error) {
      replace(
        problems,
        problemList(`The fixture is not valid JSON: ${String(error)}`, 'Cannot send it'),
      );
      return;
    }
    await guarded(async () => {
      const saved = await client.call('PUT', `fixtures/${encodeURIComponent(id)}`, {
        body,
        session: session(),
      });
      replace(problems, h('p', { class: 'ok' }, `Saved ${id}: ${JSON.stringify(saved)}`));
      await refresh();
    });
  }

  async function refresh() {
    const found = await client.call('GET', 'fixtures', { session: session() });
    fixtures = Array.isArray(found) ? found : [];
    renderList();
  }

  search.addEventListener('input', renderList);
  kind.addEventListener('input', renderList);
  replace(
    panel,
    h('h2', {}, 'Fixtures'),
    h(
      'form',
      {
        class: 'toolbar',
        role: 'search',
        'aria-label': 'Search fixtures',
        onsubmit: (event) => event.preventDefault(),
      },
      field('Id contains', search),
      field('Kind', kind),
    ),
    count,
    h(
      'div',
      { class: 'split' },
      list,
      h(
        'div',
        {},
        viewer,
        h(
          'form',
          {
            id: 'fixture-form',
            'aria-label': 'Add or replace a run-time fixture',
            onsubmit: (event) => {
              event.preventDefault();
              void save();
            },
          },
          h('h3', {}, 'Add or replace a run-time fixture'),
          h(
            'p',
            { class: 'muted' },
            'An event (an AuditEventResponse), or a response fixture {status, body, headers?, delayMs?}. It is checked against the contract like a file; nothing is saved while it breaks it.',
          ),
          field('Fixture id', idInput),
          field('Fixture JSON', json),
          h(
            'div',
            { class: 'buttons' },
            h('button', { type: 'submit', class: 'primary' }, 'Check and save'),
            h(
              'button',
              {
                type: 'button',
                onclick: () => {
                  json.value = prettyJson(NEW_RESPONSE);
                },
              },
              'Start a response fixture',
            ),
          ),
          problems,
        ),
      ),
    ),
  );

  return {
    /** Called when the view is shown or the session changes. */
    async refresh() {
      await guarded(refresh);
    },
    /** The ids a scenario step may name. */
    ids: () => fixtures.map((fixture) => fixture.id),
    load: refresh,
  };
}
