/** @import { LiveRequest } from './types.js' */
import { field, h, replace } from './dom.js';
import { formatTime, statusClass } from './format.js';
import { requestDetails } from './request-details.js';

/** Requests the page keeps; older ones leave the list (the journal still has them). */
const MAX_ROWS = 500;
const NO_SESSION = '(none)';
/** The table's columns; those marked `wide` are left out on a narrow window (the details have them). */
const COLUMNS = [
  { name: '', wide: false, cell: '' },
  { name: 'Time', wide: false, cell: 'mono' },
  { name: 'Method', wide: true, cell: '' },
  { name: 'Path', wide: false, cell: 'mono path' },
  { name: 'Event id', wide: true, cell: 'mono' },
  { name: 'Session', wide: true, cell: '' },
  { name: 'Status', wide: false, cell: '' },
  { name: 'From', wide: true, cell: '' },
  { name: 'Latency', wide: true, cell: 'num' },
  { name: 'Check', wide: false, cell: '' },
];
/** The class of each column's cells, in the order of {@link COLUMNS}. */
const CELL_CLASSES = COLUMNS.map(
  ({ wide, cell }) => [cell, wide ? 'wide-only' : ''].join(' ').trim() || undefined,
);

/**
 * The Requests view: the journal as it happens, newest first; a row expands to the request's
 * headers and the answer's body; filters by session, status and id; pause and clear.
 * @param {HTMLElement} panel
 */
export function createRequestsView(panel) {
  /** @type {LiveRequest[]} newest first */
  let rows = [];
  /** @type {LiveRequest[]} */
  let held = [];
  const seen = new Set();
  const expanded = new Set();
  let paused = false;
  /** Requests up to this one are not taken (cleared, or older than anything still listed). */
  let floor = 0;

  const sessionFilter = h('select', { id: 'requests-session' }, h('option', { value: '' }, 'all'));
  const statusFilter = h('input', {
    id: 'requests-status',
    type: 'search',
    inputmode: 'numeric',
    placeholder: '503 or 5xx',
    autocomplete: 'off',
  });
  const idFilter = h('input', { id: 'requests-id', type: 'search', autocomplete: 'off' });
  const pauseButton = h('button', { type: 'button', 'aria-pressed': 'false' }, 'Pause');
  const clearButton = h('button', { type: 'button' }, 'Clear list');
  const count = h('p', { class: 'count', role: 'status' });
  const body = h('tbody');
  const empty = h(
    'p',
    { class: 'empty' },
    'No requests yet. Send one to the mocked API, e.g. ',
    h('code', {}, `curl -H 'Authorization: Bearer t' ${location.origin}/v1/audit/events/evt_1`),
  );

  /** @param {LiveRequest} live */
  function matches({ entry }) {
    const session = sessionFilter.value;
    if (
      session === NO_SESSION ? entry.session !== null : session !== '' && entry.session !== session
    )
      return false;
    const status = statusFilter.value.trim().toLowerCase();
    if (
      /^\dxx$/.test(status)
        ? statusClass(entry.status) !== `status-${status}`
        : status !== '' && String(entry.status) !== status
    )
      return false;
    const id = idFilter.value.trim().toLowerCase();
    return id === '' || (entry.eventId ?? '').toLowerCase().includes(id);
  }

  /** @param {LiveRequest} live */
  function rowsOf(live) {
    const { entry } = live;
    const open = expanded.has(entry.seq);
    const detailsId = `request-details-${entry.seq}`;
    const toggle = h(
      'button',
      {
        type: 'button',
        class: 'toggle',
        'aria-expanded': String(open),
        'aria-controls': detailsId,
        'aria-label': `Details of request #${entry.seq}, ${entry.method} ${entry.path}`,
      },
      open ? '▾' : '▸',
    );
    const details = h(
      'tr',
      { id: detailsId, class: 'details-row', hidden: !open },
      h('td', { colspan: COLUMNS.length }, open ? requestDetails(live) : null),
    );
    toggle.addEventListener('click', () => {
      const nowOpen = !expanded.has(entry.seq);
      if (nowOpen) expanded.add(entry.seq);
      else expanded.delete(entry.seq);
      toggle.setAttribute('aria-expanded', String(nowOpen));
      toggle.textContent = nowOpen ? '▾' : '▸';
      details.hidden = !nowOpen;
      const cell = details.firstElementChild;
      if (cell) replace(cell, nowOpen ? requestDetails(live) : null);
    });
    const cells = [
      toggle,
      h('time', { datetime: entry.time }, formatTime(entry.time)),
      entry.method,
      entry.path,
      entry.eventId ?? '—',
      entry.session ?? '—',
      h('span', { class: `status ${statusClass(entry.status)}` }, entry.status),
      `${entry.scenario ? `${entry.source} ${entry.scenario}` : entry.source}${entry.fault ? ` · ${entry.fault}` : ''}`,
      `${Math.round(entry.latencyMs)} ms`,
      entry.valid
        ? h('span', { class: 'ok' }, 'valid')
        : h('span', { class: 'bad' }, 'breaks contract'),
    ];
    const row = h(
      'tr',
      { class: entry.valid ? 'request' : 'request invalid', 'data-seq': entry.seq },
      cells.map((cell, index) => h('td', { class: CELL_CLASSES[index] }, cell)),
    );
    return [row, details];
  }

  function render() {
    const shown = rows.filter(matches);
    replace(body, shown.map(rowsOf));
    empty.hidden = rows.length > 0;
    const note = held.length > 0 ? ` Paused: ${held.length} new held.` : paused ? ' Paused.' : '';
    count.textContent = `${shown.length} of ${rows.length} shown.${note}`;
  }

  /** @param {string | null} session */
  function noteSession(session) {
    if (session === null) return;
    const known = [...sessionFilter.options].some((option) => option.value === session);
    if (!known) sessionFilter.append(h('option', { value: session }, session));
  }

  /** @param {LiveRequest[]} incoming */
  function take(incoming) {
    rows = [...incoming, ...rows].sort((a, b) => b.entry.seq - a.entry.seq).slice(0, MAX_ROWS);
  }

  pauseButton.addEventListener('click', () => {
    paused = !paused;
    pauseButton.setAttribute('aria-pressed', String(paused));
    pauseButton.textContent = paused ? 'Resume' : 'Pause';
    if (!paused) {
      take(held);
      held = [];
    }
    render();
  });
  clearButton.addEventListener('click', () => {
    floor = Math.max(
      floor,
      ...rows.map((live) => live.entry.seq),
      ...held.map((live) => live.entry.seq),
    );
    rows = [];
    held = [];
    render();
  });
  for (const control of [sessionFilter, statusFilter, idFilter])
    control.addEventListener('input', render);

  sessionFilter.append(h('option', { value: NO_SESSION }, 'without a session'));
  replace(
    panel,
    h('h2', {}, 'Requests'),
    h(
      'form',
      {
        class: 'toolbar',
        role: 'search',
        'aria-label': 'Filter requests',
        onsubmit: (event) => event.preventDefault(),
      },
      field('Session', sessionFilter),
      field('Status', statusFilter),
      field('Event id contains', idFilter),
      h('div', { class: 'buttons' }, pauseButton, clearButton),
    ),
    count,
    empty,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'requests' },
        h('caption', { class: 'visually-hidden' }, 'Requests of the mocked API, newest first'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            COLUMNS.map(({ name, wide }) =>
              h(
                'th',
                { scope: 'col', class: wide ? 'wide-only' : undefined },
                name || h('span', { class: 'visually-hidden' }, 'Details'),
              ),
            ),
          ),
        ),
        body,
      ),
    ),
  );
  render();

  return {
    /**
     * A request from the live stream (or its backlog); each one is taken once.
     * @param {LiveRequest} live
     */
    add(live) {
      const { seq } = live.entry;
      if (seen.has(seq) || seq <= floor) return;
      seen.add(seq);
      if (seen.size > 4 * MAX_ROWS) {
        // Forget the oldest numbers; requests that old would not be listed anyway.
        const kept = [...seen].sort((a, b) => a - b).slice(-2 * MAX_ROWS);
        seen.clear();
        for (const number of kept) seen.add(number);
        floor = Math.max(floor, (kept[0] ?? 1) - 1);
      }
      noteSession(live.entry.session);
      if (paused) held = [live, ...held].slice(0, MAX_ROWS);
      else {
        const newest = rows[0];
        take([live]);
        // The usual case, a newer request: one row more at the top instead of a new table.
        if (
          (newest === undefined || seq > newest.entry.seq) &&
          rows.length < MAX_ROWS &&
          matches(live)
        ) {
          body.prepend(...rowsOf(live));
          empty.hidden = true;
          const shown = body.querySelectorAll('tr.request').length;
          count.textContent = `${shown} of ${rows.length} shown.`;
          return;
        }
      }
      render();
    },
  };
}
