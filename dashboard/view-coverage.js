/** @import { AdminClient } from './admin-client.js' */
import { AdminError } from './admin-client.js';
import { field, h, replace, select } from './dom.js';
import { problemList } from './problem-list.js';

/**
 * @typedef {object} OutcomeView
 * @property {string} id
 * @property {string} kind `contract` or `mock-only`
 * @property {string} title
 * @property {string} status `covered`, `not-covered` or `unavailable`
 * @property {number} count
 * @property {{ method: string, path: string, status: number, session: string | null } | null} example
 * @property {string | null} howTo
 * @property {string | null} unavailableBecause
 */

/**
 * @typedef {object} CoverageReport
 * @property {number} requests
 * @property {number} contractOutcomes
 * @property {number} contractCovered
 * @property {number} percent
 * @property {number} mockOnlyOutcomes
 * @property {number} mockOnlyCovered
 * @property {OutcomeView[]} outcomes
 */

/**
 * @param {unknown} value
 * @returns {value is CoverageReport}
 */
function isReport(value) {
  return (
    typeof value === 'object' &&
    value !== null &&
    'outcomes' in value &&
    Array.isArray(value.outcomes)
  );
}

const STATUS_LABELS = /** @type {Record<string, string>} */ ({
  covered: 'covered',
  'not-covered': 'not covered',
  unavailable: 'unavailable',
});

/**
 * The Coverage view: the contract's outcomes, which ones the requests met (with an example) and
 * which not (with the request that would). Says so when the mock has no coverage report.
 * @param {HTMLElement} panel
 * @param {{ client: AdminClient, session: () => string | null }} deps
 */
export function createCoverageView(panel, { client, session }) {
  /** @type {CoverageReport | undefined} */
  let report;
  const statusFilter = select(
    { id: 'coverage-status' },
    [
      ['', 'all'],
      ['not-covered', 'not covered'],
      ['covered', 'covered'],
      ['unavailable', 'unavailable'],
    ],
    '',
  );
  const kindFilter = select(
    { id: 'coverage-kind' },
    [
      ['', 'all'],
      ['contract', 'contract'],
      ['mock-only', 'mock-only aids'],
    ],
    '',
  );
  const summary = h('div', { class: 'summary', role: 'status' });
  const table = h('div', { class: 'table-wrap' });
  const toolbar = h(
    'form',
    {
      class: 'toolbar',
      'aria-label': 'Filter outcomes',
      onsubmit: (event) => event.preventDefault(),
    },
    field('Status', statusFilter),
    field('Kind', kindFilter),
  );

  function render() {
    if (!report) return;
    const current = session();
    replace(
      summary,
      h('p', { class: 'big' }, `${report.percent}%`),
      h(
        'p',
        {},
        `${report.contractCovered} of ${report.contractOutcomes} contract outcomes covered, ${report.mockOnlyCovered} of ${report.mockOnlyOutcomes} mock-only aids used, by ${report.requests} requests ${current === null ? 'of every session' : `of session “${current}”`}.`,
      ),
    );
    const shown = report.outcomes.filter(
      (outcome) =>
        (statusFilter.value === '' || outcome.status === statusFilter.value) &&
        (kindFilter.value === '' || outcome.kind === kindFilter.value),
    );
    replace(
      table,
      h(
        'table',
        { id: 'coverage' },
        h(
          'caption',
          { class: 'visually-hidden' },
          'Outcomes of the contract and whether requests met them',
        ),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Outcome', 'Kind', 'Status', 'Count', 'Example, or how to cover it'].map((name) =>
              h('th', { scope: 'col' }, name),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          shown.map((outcome) =>
            h(
              'tr',
              { class: `outcome ${outcome.status}` },
              h('td', {}, outcome.title, h('br'), h('small', { class: 'mono muted' }, outcome.id)),
              h('td', {}, outcome.kind),
              h(
                'td',
                {},
                h(
                  'span',
                  {
                    class:
                      outcome.status === 'covered'
                        ? 'ok'
                        : outcome.status === 'not-covered'
                          ? 'bad'
                          : 'muted',
                  },
                  STATUS_LABELS[outcome.status] ?? outcome.status,
                ),
              ),
              h('td', { class: 'num' }, outcome.count),
              h(
                'td',
                {},
                outcome.example
                  ? h(
                      'code',
                      {},
                      `${outcome.example.method} ${outcome.example.path} → ${outcome.example.status}`,
                    )
                  : outcome.unavailableBecause
                    ? h('span', { class: 'muted' }, outcome.unavailableBecause)
                    : outcome.howTo
                      ? h('code', { class: 'how-to' }, outcome.howTo)
                      : '—',
              ),
            ),
          ),
        ),
      ),
    );
  }

  statusFilter.addEventListener('input', render);
  kindFilter.addEventListener('input', render);
  replace(panel, h('h2', {}, 'Coverage'), summary, toolbar, table);

  return {
    /** Called when the view is shown, the session changes, or requests came in while it is shown. */
    async refresh() {
      try {
        const found = await client.call('GET', 'coverage', { session: session() });
        if (!isReport(found))
          throw new AdminError(
            200,
            'The coverage report has a shape this page does not know; reload the page.',
          );
        report = found;
        toolbar.hidden = false;
        render();
      } catch (error) {
        report = undefined;
        toolbar.hidden = true;
        replace(table);
        if (error instanceof AdminError && error.status === 404)
          replace(
            summary,
            h(
              'p',
              { class: 'unavailable' },
              'Coverage is not available: this version of the mock has no GET /__mock/coverage.',
            ),
          );
        else
          replace(
            summary,
            problemList(
              error instanceof AdminError ? error.detail : String(error),
              'Cannot read the coverage',
            ),
          );
      }
    },
  };
}
