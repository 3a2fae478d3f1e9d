/**
 * The statuses a step answers with the provider's body: `FORCED_STATUSES` of the mock
 * (test/dashboard.test.ts keeps the two lists equal).
 */
export const STATUSES = [200, 401, 403, 404, 422, 429, 500, 502, 503, 504];

/** Ways a step can break the answer on the wire: `FAULTS` of the mock (kept equal the same way). */
export const FAULTS = ['connection-reset', 'empty-response', 'malformed-body', 'slow-body'];

/** The templates the Outcomes view offers, with how each is named there. */
export const TEMPLATES = /** @type {const} */ ([
  ['sequence', 'Sequence (e.g. 503 twice, then 200)'],
  ['status', 'Status, with the provider’s body'],
  ['fixture', 'Fixture'],
  ['delay', 'Delay, then the normal answer'],
  ['fault', 'Fault on the wire'],
]);

/** @typedef {(typeof TEMPLATES)[number][0]} TemplateName */

/**
 * What the Outcomes form holds.
 * @typedef {object} TemplateInput
 * @property {TemplateName} template
 * @property {'eventId' | 'pattern'} matchKind
 * @property {string} match an event id, or a glob (`*` any run of characters, `?` one)
 * @property {string} name
 * @property {string | null} session `null`: a global scenario
 * @property {number} times uses of the step (of the first step, for a sequence)
 * @property {number} status
 * @property {number} thenStatus the status after the first step of a sequence
 * @property {string} fixture
 * @property {number} delayMs
 * @property {string} fault
 * @property {number} durationMs how long `slow-body` takes
 */

/**
 * The steps of a template.
 * @param {TemplateInput} input
 * @returns {Record<string, unknown>[]}
 */
function stepsOf(input) {
  const { template, times } = input;
  switch (template) {
    case 'sequence':
      return [{ status: input.status, times }, { status: input.thenStatus }];
    case 'status':
      return [{ status: input.status, times }];
    case 'fixture':
      return [{ fixture: input.fixture, times }];
    case 'delay':
      return [{ delayMs: input.delayMs, times }];
    case 'fault':
      return [
        input.fault === 'slow-body'
          ? { fault: input.fault, durationMs: input.durationMs, times }
          : { fault: input.fault, times },
      ];
    default:
      throw new Error(
        `Unknown template "${String(template)}"; use one of ${TEMPLATES.map(([name]) => name).join(', ')}.`,
      );
  }
}

/**
 * The body of `POST /__mock/scenarios` for a template.
 * @param {TemplateInput} input
 */
export function scenarioFrom(input) {
  /** @type {Record<string, unknown>} */
  const scenario = {};
  if (input.name.trim() !== '') scenario['name'] = input.name.trim();
  scenario['match'] =
    input.matchKind === 'pattern' ? { pattern: input.match } : { eventId: input.match };
  if (input.session !== null) scenario['session'] = input.session;
  scenario['steps'] = stepsOf(input);
  return scenario;
}

/**
 * A step as people read it: `503 ×2 (1 left)`.
 * @param {import('./types.js').ScenarioStepView} step
 */
export function describeStep(step) {
  const what = [
    step.status !== null ? String(step.status) : null,
    step.fixture !== null ? `fixture ${step.fixture}` : null,
    step.status === null && step.fixture === null ? 'normal answer' : null,
    step.delayMs !== null ? `after ${step.delayMs} ms` : null,
    step.fault !== null ? `fault ${step.fault}` : null,
  ].filter((part) => part !== null);
  return `${what.join(', ')} ×${step.times} (${step.remaining} left)`;
}
