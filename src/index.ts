// The package's entry: what consumers use, by name. Importing it does not load Express.
export { startServer } from './library/start-server.js';
export type { RunningServer } from './library/start-server.js';
export { createApp } from './library/create-app.js';
export { generateEvent, validateEvent } from './library/generate-event.js';
export { createAdminClient } from './client/create-admin-client.js';
export type {
  AdminClient,
  AdminClientOptions,
  ClearScope,
  JournalFilters,
  PactRequest,
  ProviderStateResult,
  RuntimeFixtureDefinition,
} from './client/admin-client.js';
export { AdminRequestError } from './client/admin-request-error.js';
export type { Health } from './generated/health.js';
export type { FixtureListing } from './generated/fixture-listing.js';
export type {
  StoredFixture,
  StoredEventFixture,
  StoredResponseFixture,
} from './generated/stored-fixture.js';
export type { FixturePut } from './generated/fixture-put.js';
export type { PreferencesDefinition } from './generated/preferences.js';
export type { ScenarioState, ScenarioStepState } from './generated/scenario-state.js';
export type {
  CoverageReport,
  CoverageSummary,
  CoverageExample,
  OutcomeCoverage,
} from './generated/coverage-report.js';
export type { PactFile, PactInteraction } from './generated/pact-file.js';
export type { ProviderStateChange } from './generated/provider-state.js';
export type {
  AdminOptions,
  AuthMode,
  AuthOptions,
  CorsOptions,
  LatencyModel,
  LogFormat,
  LogLevel,
  LogOptions,
  MockConfig,
  MockLogger,
  MockOptions,
  RequestLogEntry,
  RuntimeLimits,
} from './config/mock-options.js';
export type { AdminAccess } from './config/admin-access.js';
export { DEFAULT_SEED } from './contract/option-default.js';
export type {
  ScenarioDefinition,
  ScenarioMatch,
  ScenarioStep,
  Fault,
} from './generated/scenario.js';
export type { ResponseFixtureDefinition } from './generated/response-fixture.js';
export type { AnswerHeaders } from './generated/headers.js';
export type { JournalEntry } from './generated/journal-entry.js';
export type { AnswerSource } from './core/answer.js';
export type { Violation } from './core/violation.js';
export type { AuditEvent, CompleteAuditEvent } from './generator/audit-event.js';
export { MockError, MOCK_ERROR_CODES } from './core/mock-error.js';
export type { MockErrorCode } from './core/mock-error.js';
export { OptionsError } from './config/options-error.js';
export { SpecError } from './contract/spec-error.js';
export { FixtureLoadError } from './fixture-files/fixture-problem.js';
export type { FixtureProblem } from './fixture-files/fixture-problem.js';
export { ListenError } from './server/listen-error.js';
export { LimitError } from './state/runtime-state.js';
