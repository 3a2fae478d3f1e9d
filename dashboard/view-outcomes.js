/** @import { AdminClient } from './admin-client.js' */
/** @import { ScenarioView } from './types.js' */
/** @import { TemplateInput, TemplateName } from './scenario-templates.js' */
import { AdminError } from './admin-client.js';
import { field, h, replace, select } from './dom.js';
import { prettyJson } from './format.js';
import { problemList } from './problem-list.js';
import { describeStep, FAULTS, scenarioFrom, STATUSES, TEMPLATES } from './scenario-templates.js';

/** Which parameters each template shows. */
const SHOWN = {
  sequence: ['status', 'times', 'then'],
  status: ['status', 'times'],
  fixture: ['fixture', 'times'],
  delay: ['delay', 'times'],
  fault: ['fault', 'duration', 'times'],
};

/**
 * @param {string} value
 * @returns {value is TemplateName}
 */
const isTemplate = (value) => TEMPLATES.some(([name]) => name === value);

/**
 * The Outcomes view: templates that fill a scenario (shown as the JSON that is sent), and the
 * active scenarios of the session and the global ones, with their uses left.
 * @param {HTMLElement} panel
 * @param {{ client: AdminClient, session: () => string | null, fixtureIds: () => Promise<string[]> }} deps
 */
export function createOutcomesView(panel, { client, session, fixtureIds }) {
  const statuses = STATUSES.map(
    (status) => /** @type {const} */ ([String(status), String(status)]),
  );
  const controls = {
    template: select({ id: 'scenario-template' }, TEMPLATES, 'sequence'),
    matchKind: select(
      { id: 'scenario-match-kind' },
      [
        ['eventId', 'Event id'],
        ['pattern', 'Pattern (glob)'],
      ],
      'eventId',
    ),
    match: h('input', {
      id: 'scenario-match',
      required: true,
      autocomplete: 'off',
      value: 'evt_login_failed',
    }),
    name: h('input', { id: 'scenario-name', autocomplete: 'off' }),
    status: select({ id: 'scenario-status' }, statuses, '503'),
    times: h('input', {
      id: 'scenario-times',
      type: 'number',
      min: 1,
      max: 1000,
      value: 2,
      required: true,
    }),
    then: select({ id: 'scenario-then' }, statuses, '200'),
    fixture: h('select', { id: 'scenario-fixture' }),
    delay: h('input', {
      id: 'scenario-delay',
      type: 'number',
      min: 0,
      max: 60000,
      step: 100,
      value: 1500,
    }),
    fault: select(
      { id: 'scenario-fault' },
      FAULTS.map((fault) => /** @type {const} */ ([fault, fault])),
      'connection-reset',
    ),
    duration: h('input', {
      id: 'scenario-duration',
      type: 'number',
      min: 0,
      max: 60000,
      step: 100,
      value: 2000,
    }),
  };
  const fields = {
    status: field('Status', controls.status),
    times: field('Times', controls.times, 'How many requests get it'),
    then: field('Then', controls.then),
    fixture: field('Fixture', controls.fixture),
    delay: field('Delay (ms)', controls.delay),
    fault: field('Fault', controls.fault),
    duration: field('Slow body over (ms)', controls.duration),
  };
  const json = h('textarea', { id: 'scenario-json', rows: 10, spellcheck: 'false', class: 'mono' });
  const target = h('p', { class: 'muted' });
  const problems = h('div', { role: 'alert' });
  const list = h('div', { class: 'table-wrap' });
  let editedByHand = false;

  /** @returns {TemplateInput} */
  function input() {
    const template = controls.template.value;
    if (!isTemplate(template)) throw new Error(`Unknown template ${template}.`);
    return {
      template,
      matchKind: controls.matchKind.value === 'pattern' ? 'pattern' : 'eventId',
      match: controls.match.value.trim(),
      name: controls.name.value,
      session: session(),
      times: Number(controls.times.value),
      status: Number(controls.status.value),
      thenStatus: Number(controls.then.value),
      fixture: controls.fixture.value,
      delayMs: Number(controls.delay.value),
      fault: controls.fault.value,
      durationMs: Number(controls.duration.value),
    };
  }

  function sync() {
    const now = input();
    const shown = SHOWN[now.template];
    for (const [name, wrapper] of Object.entries(fields)) {
      wrapper.hidden = !shown.includes(name) || (name === 'duration' && now.fault !== 'slow-body');
    }
    const label = fields.status.querySelector('label');
    if (label) label.textContent = now.template === 'sequence' ? 'First' : 'Status';
    const current = session();
    target.textContent =
      current === null
        ? 'The scenario is global: it applies to every request (those of sessions too, after their own).'
        : `The scenario is for session “${current}”: requests sent with X-Mock-Session: ${current}.`;
    if (!editedByHand) json.value = prettyJson(scenarioFrom(now));
  }

  async function refreshFixtures() {
    const chosen = controls.fixture.value;
    const ids = await fixtureIds();
    replace(
      controls.fixture,
      ids.map((id) => h('option', { value: id, selected: id === chosen }, id)),
    );
    sync();
  }

  async function refreshList() {
    const current = session();
    /** @type {ScenarioView[]} */
    const scenarios = [];
    for (const scope of current === null ? [null] : [current, null]) {
      const found = await client.call('GET', 'scenarios', { session: scope });
      if (Array.isArray(found)) scenarios.push(...found);
    }
    replace(
      list,
      scenarios.length === 0
        ? h('p', { class: 'empty' }, 'No active scenarios: requests get their normal answers.')
        : scenarioTable(scenarios),
    );
  }

  /** @param {ScenarioView[]} scenarios */
  function scenarioTable(scenarios) {
    return h(
      'table',
      { id: 'scenarios' },
      h('caption', { class: 'visually-hidden' }, 'Active scenarios'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Id', 'Name', 'Match', 'Session', 'Steps', 'Uses left', ''].map((name) =>
            h('th', { scope: 'col' }, name),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        scenarios.map((scenario) =>
          h(
            'tr',
            { 'data-scenario': scenario.id },
            h('td', { class: 'mono' }, scenario.id),
            h('td', {}, scenario.name ?? '—'),
            h('td', { class: 'mono' }, scenario.match.eventId ?? scenario.match.pattern ?? ''),
            h('td', {}, scenario.session ?? 'global'),
            h(
              'td',
              {},
              h(
                'ol',
                { class: 'steps' },
                scenario.steps.map((step) => h('li', {}, describeStep(step))),
              ),
            ),
            h(
              'td',
              { class: 'num' },
              scenario.remaining > 0
                ? scenario.remaining
                : h('span', { class: 'muted' }, '0, used up'),
            ),
            h(
              'td',
              {},
              h(
                'button',
                {
                  type: 'button',
                  'aria-label': `Remove scenario ${scenario.id}`,
                  onclick: () => void remove(scenario),
                },
                'Remove',
              ),
            ),
          ),
        ),
      ),
    );
  }

  /** @param {ScenarioView} scenario */
  async function remove(scenario) {
    await guarded(() =>
      client.call('DELETE', `scenarios/${encodeURIComponent(scenario.id)}`, {
        session: scenario.session,
      }),
    );
    await refreshList();
  }

  /** @param {() => Promise<unknown>} action */
  async function guarded(action) {
    replace(problems);
    try {
      await action();
      return true;
    } catch (error) {
      replace(
        problems,
        problemList(
          error instanceof AdminError ? error.detail : String(error),
          'The mock refused it',
        ),
      );
      return false;
    }
  }

  async function submit() {
    /** @type {unknown} */
    let body;
    try {
      body = JSON.parse(json.value);
    } catch (error) {
      replace(
        problems,
        problemList(`The scenario is not valid JSON: ${String(error)}`, 'Cannot send it'),
      );
      return;
    }
    const added = await guarded(() =>
      client.call('POST', 'scenarios', { body, session: session() }),
    );
    if (added) {
      editedByHand = false;
      sync();
      replace(problems, h('p', { class: 'ok' }, 'Scenario added.'));
      await refreshList();
    }
  }

  for (const control of Object.values(controls)) control.addEventListener('input', sync);
  json.addEventListener('input', () => {
    editedByHand = true;
    resetJson.hidden = false;
  });
  const resetJson = h('button', { type: 'button', hidden: true }, 'Fill from the form again');
  resetJson.addEventListener('click', () => {
    editedByHand = false;
    resetJson.hidden = true;
    sync();
  });

  replace(
    panel,
    h('h2', {}, 'Outcomes'),
    h(
      'form',
      {
        id: 'scenario-form',
        'aria-label': 'Add a scenario',
        onsubmit: (event) => {
          event.preventDefault();
          void submit();
        },
      },
      h(
        'p',
        {},
        'Choose what the next matching requests get. Requests of a session see its scenarios first.',
      ),
      target,
      h(
        'div',
        { class: 'row' },
        field('Template', controls.template),
        field('Match by', controls.matchKind),
        field('Event id or pattern', controls.match),
        field('Name (optional)', controls.name),
      ),
      h('div', { class: 'row' }, Object.values(fields)),
      field('Scenario JSON (what is sent; edit it for anything the form does not offer)', json),
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'submit', class: 'primary' }, 'Add scenario'),
        resetJson,
      ),
      problems,
    ),
    h(
      'div',
      { class: 'heading-row' },
      h('h3', {}, 'Active scenarios'),
      h('button', { type: 'button', onclick: () => void guarded(refreshList) }, 'Refresh'),
    ),
    list,
  );
  sync();

  return {
    /** Called when the view is shown or the session changes. */
    async refresh() {
      sync();
      await guarded(async () => {
        await refreshFixtures();
        await refreshList();
      });
    },
    /** A scenario was used (its uses left changed): show the new counts. */
    async scenarioUsed() {
      await guarded(refreshList);
    },
  };
}
