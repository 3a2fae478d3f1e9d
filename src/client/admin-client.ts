import type { components } from '../generated/openapi.js';
import type { CoverageReport } from '../generated/coverage-report.js';
import type { FixtureListing } from '../generated/fixture-listing.js';
import type { FixturePut } from '../generated/fixture-put.js';
import type { Health } from '../generated/health.js';
import type { JournalEntry } from '../generated/journal-entry.js';
import type { PactFile } from '../generated/pact-file.js';
import type { PreferencesDefinition } from '../generated/preferences.js';
import type { ProviderStateChange } from '../generated/provider-state.js';
import type { ResponseFixtureDefinition } from '../generated/response-fixture.js';
import type { ScenarioDefinition } from '../generated/scenario.js';
import type { ScenarioState } from '../generated/scenario-state.js';
import type { StoredFixture } from '../generated/stored-fixture.js';

/** Where the admin client sends its calls, and as whom. */
export interface AdminClientOptions {
  /**
   * The mock's address, as `RunningServer.url` gives it (the admin API is under `/__mock`).
   * @example 'http://127.0.0.1:4010'
   */
  readonly url: string;
  /**
   * Sent as `X-Mock-Session` with every call: scenarios, fixtures, the journal and resets then
   * belong to that session, and requests sent with the same session see them.
   * @default none: the global state
   */
  readonly session?: string;
  /**
   * Sent as `X-Mock-Admin-Token`, for a mock started with `--admin-token` (or `admin.token`).
   * @default none
   */
  readonly token?: string;
  /**
   * The `fetch` to call with.
   * @default globalThis.fetch
   */
  readonly fetch?: typeof fetch;
}

/** Filters of {@link AdminClient.listRequests}; all optional. */
export interface JournalFilters {
  readonly eventId?: string;
  readonly status?: number;
  /** Another session's requests than the client's own. */
  readonly session?: string;
  /** Only requests that arrived at or after this time. */
  readonly since?: Date | string;
  /** At most this many entries (100 when not given, 1,000 at most): one page. */
  readonly limit?: number;
  /** Only entries older than this one (its `seq`): the next page after an entry. */
  readonly before?: number;
}

/** Whether a clearing call reaches past the client's session. */
export interface ClearScope {
  /** Every session's, not only the client's session (or, without one, the global state). */
  readonly all?: boolean;
}

/** What {@link AdminClient.pact} asks for; all optional. */
export interface PactRequest {
  /** @default 'audit-events-consumer' */
  readonly consumer?: string;
  /** @default 'audit-events-api' */
  readonly provider?: string;
  /**
   * The Pact specification version.
   * @default 3
   */
  readonly version?: 3 | 4;
}

/** The answer of {@link AdminClient.setProviderState}: the event id the state is about, if any. */
export interface ProviderStateResult {
  readonly event_id?: string;
}

/** A fixture to put at run time: an event (answered with 200), or a whole answer. */
export type RuntimeFixtureDefinition =
  components['schemas']['AuditEventResponse'] | ResponseFixtureDefinition;

/**
 * The admin API (`/__mock`) as typed calls; each rejects with an `AdminRequestError` (a
 * `MockError` with the code `ADMIN_REQUEST_FAILED`) when the call is refused or the mock cannot be
 * reached. The types come from the admin API's JSON Schemas (`schemas/`).
 */
export interface AdminClient {
  /** The session of every call, or `undefined` for the global state. */
  readonly session: string | undefined;
  /** `GET /__mock/health` */
  health(): Promise<Health>;
  /** `GET /__mock/fixtures`: every fixture the session sees. */
  listFixtures(): Promise<FixtureListing[]>;
  /** `GET /__mock/fixtures/{id}` */
  getFixture(id: string): Promise<StoredFixture>;
  /** `PUT /__mock/fixtures/{id}`: adds or replaces a run-time fixture. */
  putFixture(id: string, fixture: RuntimeFixtureDefinition): Promise<FixturePut>;
  /** `DELETE /__mock/fixtures/{id}`: removes a run-time fixture. */
  deleteFixture(id: string): Promise<void>;
  /** `POST /__mock/scenarios` */
  addScenario(scenario: ScenarioDefinition): Promise<ScenarioState>;
  /** `GET /__mock/scenarios`: the session's scenarios, with the uses left. */
  listScenarios(): Promise<ScenarioState[]>;
  /** `DELETE /__mock/scenarios/{id}` */
  deleteScenario(id: string): Promise<void>;
  /** `DELETE /__mock/scenarios`: every scenario of the session. */
  deleteScenarios(): Promise<void>;
  /**
   * `GET /__mock/requests`: one page of the session's journal, newest first; pass the last entry's
   * `seq` as `before` for the next page.
   */
  listRequests(filters?: JournalFilters): Promise<JournalEntry[]>;
  /** `DELETE /__mock/requests`: the session's journal (`{ all: true }`: every session's). */
  clearRequests(scope?: ClearScope): Promise<void>;
  /** `GET /__mock/preferences`: the session's default preferences. */
  getPreferences(): Promise<PreferencesDefinition>;
  /**
   * `PUT /__mock/preferences`: what the session's requests get when they do not ask themselves,
   * as if each sent them in `Prefer` (for a browser app that cannot); `{}` removes them.
   */
  setPreferences(preferences: PreferencesDefinition): Promise<PreferencesDefinition>;
  /** `DELETE /__mock/preferences` */
  clearPreferences(): Promise<void>;
  /**
   * `GET /__mock/coverage`: which outcomes of the contract the session's requests met (without a
   * session, every request's). A reset leaves it; {@link AdminClient.clearCoverage} forgets it.
   */
  coverage(): Promise<CoverageReport>;
  /** `DELETE /__mock/coverage`: forgets the session's coverage and its interactions for the pact. */
  clearCoverage(): Promise<void>;
  /** `GET /__mock/pact`: a Pact file of the session's interactions (without a session, everyone's). */
  pact(request?: PactRequest): Promise<PactFile>;
  /**
   * `POST /__mock/provider-states`: sets up (or tears down) a provider state of the pact, as the
   * Pact verifier's state-change call does.
   */
  setProviderState(change: ProviderStateChange): Promise<ProviderStateResult>;
  /**
   * `POST /__mock/reset`: forgets the session's fixtures, scenarios, journal and default preferences
   * (`{ all: true }`: every session's and the global ones).
   */
  reset(scope?: ClearScope): Promise<void>;
}
