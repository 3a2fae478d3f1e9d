// Shapes of what the admin API answers, for the type checker (JSDoc only; nothing to run).

/**
 * @typedef {object} JournalEntry
 * @property {number} seq
 * @property {string} time
 * @property {string} method
 * @property {string} path
 * @property {string | null} eventId
 * @property {string | null} session
 * @property {Record<string, string>} headers credentials already redacted
 * @property {number} status
 * @property {string} source
 * @property {string | null} scenario
 * @property {string | null} fault
 * @property {boolean} valid
 * @property {number} latencyMs
 */

/**
 * @typedef {object} Violation
 * @property {string} pointer
 * @property {string} message
 * @property {string} rule
 */

/**
 * @typedef {object} LiveResponse
 * @property {string | null} contentType
 * @property {string} body
 * @property {boolean} truncated
 * @property {Violation[]} violations
 */

/**
 * One `request` event of `GET /__mock/requests/stream`.
 * @typedef {object} LiveRequest
 * @property {JournalEntry} entry
 * @property {LiveResponse | null} response `null` for requests from before the page opened
 */

/**
 * @typedef {object} ScenarioStepView
 * @property {number | null} status
 * @property {string | null} fixture
 * @property {boolean} body
 * @property {number | null} delayMs
 * @property {string | null} fault
 * @property {number} times
 * @property {number} remaining
 */

/**
 * @typedef {object} ScenarioView
 * @property {string} id
 * @property {string | null} name
 * @property {{ eventId?: string, pattern?: string }} match
 * @property {string | null} session
 * @property {string} created
 * @property {number} remaining
 * @property {ScenarioStepView[]} steps
 */

/**
 * @typedef {object} FixtureListing
 * @property {string} id
 * @property {'event' | 'response'} kind
 * @property {'file' | 'runtime'} origin
 * @property {string | null} session
 */

export {};
