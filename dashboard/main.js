/** @import { LiveRequest } from './types.js' */
/** @import { StreamState } from './live-stream.js' */
import { createAdminClient } from './admin-client.js';
import { byId, h } from './dom.js';
import { createLiveStream } from './live-stream.js';
import { wireTabs } from './tabs.js';
import { createTokenPrompt } from './token-prompt.js';
import { createCoverageView } from './view-coverage.js';
import { createFixturesView } from './view-fixtures.js';
import { createHealthView } from './view-health.js';
import { createOutcomesView } from './view-outcomes.js';
import { createRequestsView } from './view-requests.js';

/** What the header says about the live stream. */
const STREAM_STATES = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  unauthorized: 'Needs the admin token',
  closed: 'Closed',
};

/**
 * Calls `action` at most once per `ms`, the last call winning.
 * @param {() => void} action
 * @param {number} ms
 */
function throttle(action, ms) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  return () => {
    if (timer === undefined) timer = setTimeout(() => ((timer = undefined), action()), ms);
  };
}

const sessionInput = byId('session', HTMLInputElement);
const sessions = byId('sessions', HTMLDataListElement);
const streamState = byId('stream-state', HTMLElement);
const session = () => sessionInput.value.trim() || null;

const prompt = createTokenPrompt({
  onToken(token) {
    client.useToken(token);
    start();
  },
});
const client = createAdminClient({
  onUnauthorized: () =>
    prompt.ask(
      client.hasToken()
        ? 'The mock refused that token; check the one given with --admin-token.'
        : 'This mock’s admin API needs its token.',
    ),
});
byId('views', HTMLElement).before(prompt.banner);

const requests = createRequestsView(byId('panel-requests', HTMLElement));
const fixtures = createFixturesView(byId('panel-fixtures', HTMLElement), { client, session });
const outcomes = createOutcomesView(byId('panel-outcomes', HTMLElement), {
  client,
  session,
  fixtureIds: async () => {
    await fixtures.load();
    return fixtures.ids();
  },
});
const coverage = createCoverageView(byId('panel-coverage', HTMLElement), { client, session });
const health = createHealthView(byId('panel-health', HTMLElement), { client });

/** @type {Record<string, { refresh: () => Promise<void> }>} */
const views = { outcomes, fixtures, coverage, health };
let shown = 'requests';
const refreshShown = () => void views[shown]?.refresh();
wireTabs(byId('tabs', HTMLElement), (name) => {
  shown = name;
  refreshShown();
});
const scenarioUsed = throttle(() => void (shown === 'outcomes' && outcomes.scenarioUsed()), 300);
const coverageMoved = throttle(() => void (shown === 'coverage' && coverage.refresh()), 1000);
setInterval(() => void (shown === 'health' && health.refresh()), 5000);

/** @param {string | null} name */
function noteSession(name) {
  if (name === null || [...sessions.options].some((option) => option.value === name)) return;
  sessions.append(h('option', { value: name }));
}

const stream = createLiveStream({
  url: 'requests/stream?all=true',
  headers: () => client.headers(),
  onEvent(type, data) {
    if (type !== 'request') return;
    /** @type {LiveRequest} */
    const live = JSON.parse(data);
    requests.add(live);
    noteSession(live.entry.session);
    if (live.response !== null) {
      if (live.entry.scenario !== null) scenarioUsed();
      coverageMoved();
    }
  },
  onState(/** @type {StreamState} */ state, detail) {
    streamState.textContent = STREAM_STATES[state] + (detail ? ` (${detail})` : '');
    streamState.dataset['state'] = state;
    if (state === 'live') prompt.accepted();
    if (state === 'unauthorized') client.call('GET', 'health').catch(() => undefined);
  },
});

async function describeMock() {
  try {
    const about = /** @type {{ version?: string, spec?: { title?: string, version?: string } }} */ (
      await client.call('GET', 'health')
    );
    byId('about', HTMLElement).textContent =
      `v${about.version ?? '?'} · ${about.spec?.title ?? 'spec'} ${about.spec?.version ?? ''}`;
  } catch {
    // The token prompt (or the stream state) already says what is wrong.
  }
}

function start() {
  stream.open();
  void describeMock();
  refreshShown();
}

sessionInput.addEventListener('change', refreshShown);
byId('session-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  refreshShown();
});
start();
