// The package's entry: what consumers use, by name. Importing it does not load Express.
export { startServer } from './library/start-server.js';
export type { RunningServer } from './library/start-server.js';
export { createApp } from './library/create-app.js';
export { generateEvent, validateEvent } from './library/generate-event.js';
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
export type { JournalEntry } from './state/journal.js';
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
