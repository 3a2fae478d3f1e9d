import { diffSpecs } from '../contract/diff-spec.js';
import { parseSpecText } from '../contract/load-spec.js';
import type { SpecChange } from '../contract/spec-change.js';
import { MockError } from '../core/mock-error.js';
import type { Engine } from '../engine/engine.js';
import { compareAnswers } from './compare-answers.js';
import type { Probe } from './probe-set.js';
import { probeSet } from './probe-set.js';
import type { ProviderAnswer } from './send-probe.js';
import { sendProbe } from './send-probe.js';

/** How one probe went: the answers agree (`ok`), differ (`drift`), or it was not sent. */
export interface ProbeResult {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly outcome: 'ok' | 'drift' | 'skipped';
  readonly providerStatus: number | null;
  readonly mockStatus: number | null;
  /** What differs, or why the probe was skipped. */
  readonly notes: readonly string[];
}

/** `verify`'s result: every probe, and the provider's spec against the mock's. */
export interface VerifyReport {
  readonly provider: string;
  /** The spec the mock uses. */
  readonly spec: string;
  readonly probes: readonly ProbeResult[];
  /** Changes from the mock's spec to the provider's `/openapi.json`. */
  readonly specChanges: readonly SpecChange[];
  /** Whether the provider's spec was fetched (not when the mock's `openapiUrl` is null). */
  readonly specCompared: boolean;
  /** Why the provider's spec could not be compared, when it could not. */
  readonly specProblem: string | null;
  /** Probes that drifted plus spec changes: `verify` exits 1 when this is not 0. */
  readonly drift: number;
}

export interface VerifyInput {
  readonly provider: URL;
  readonly engine: Engine;
  readonly token: string | undefined;
  readonly apiKey: string | undefined;
  readonly eventIds: readonly string[];
  readonly timeoutMs: number;
}

function compareSpecs(
  engine: Engine,
  answer: ProviderAnswer | undefined,
  url: string,
): { changes: SpecChange[]; problem: string | null } {
  if (answer === undefined)
    return {
      changes: [],
      problem: 'the mock serves no spec route (openapiUrl is null), so none was fetched',
    };
  if (answer.status !== 200)
    return { changes: [], problem: `the provider answered ${answer.status} at ${url}` };
  try {
    const provider = parseSpecText(
      answer.body.toString('utf8'),
      url,
      `The provider's spec at ${url}`,
    );
    return { changes: diffSpecs(engine.spec.document, provider.document), problem: null };
  } catch (error) {
    return { changes: [], problem: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Sends the probe set to the provider, one request at a time, and the same requests to the mock's
 * engine (in this process; no mock is started), compares each pair and diffs the provider's spec
 * against the mock's. Only `provider` is contacted, only with GET, HEAD and OPTIONS.
 * @throws MockError `PROVIDER_UNREACHABLE` when the first probe gets no answer at all
 */
export async function verifyProvider(input: VerifyInput): Promise<VerifyReport> {
  const { provider, engine } = input;
  const { operation } = engine.contract;
  const probes = probeSet({
    pathTemplate: operation.pathTemplate,
    apiKeyHeader: operation.apiKeyHeader,
    token: input.token,
    apiKey: input.apiKey,
    eventIds: input.eventIds,
    openapiUrl: engine.options.openapiUrl,
    docsUrl: engine.options.docsUrl,
  });
  const results: ProbeResult[] = [];
  let specAnswer: ProviderAnswer | undefined;
  for (const probe of probes) {
    const base = { name: probe.name, method: probe.method, path: probe.path };
    if (probe.skip !== undefined) {
      results.push({
        ...base,
        outcome: 'skipped',
        providerStatus: null,
        mockStatus: null,
        notes: [probe.skip],
      });
      continue;
    }
    const answer = await send(provider, probe, input.timeoutMs, results.length === 0);
    if (typeof answer === 'string') {
      results.push({
        ...base,
        outcome: 'drift',
        providerStatus: null,
        mockStatus: null,
        notes: [`no answer: ${answer}`],
      });
      continue;
    }
    if (probe.name === 'spec') specAnswer = answer;
    const mock = engine.handle({
      method: probe.method,
      target: probe.path,
      headers: { ...probe.headers, host: provider.host },
    }).answer;
    const notes = compareAnswers(probe, answer, mock, engine.contract);
    results.push({
      ...base,
      outcome: notes.length === 0 ? 'ok' : 'drift',
      providerStatus: answer.status,
      mockStatus: mock.status,
      notes,
    });
  }
  const spec = compareSpecs(
    engine,
    specAnswer,
    new URL(engine.options.openapiUrl ?? '/', provider).href,
  );
  const drifted = results.filter((result) => result.outcome === 'drift').length;
  return {
    provider: provider.href,
    spec: engine.spec.origin,
    probes: results,
    specChanges: spec.changes,
    specCompared: engine.options.openapiUrl !== null,
    specProblem: spec.problem,
    drift: drifted + spec.changes.length + (spec.problem === null ? 0 : 1),
  };
}

async function send(
  provider: URL,
  probe: Probe,
  timeoutMs: number,
  first: boolean,
): Promise<ProviderAnswer | string> {
  try {
    return await sendProbe(provider, probe, timeoutMs);
  } catch (error) {
    const reason =
      error instanceof Error
        ? (('code' in error && typeof error.code === 'string' ? error.code : undefined) ??
          error.message)
        : String(error);
    if (first)
      throw new MockError(
        'PROVIDER_UNREACHABLE',
        `Cannot reach the provider at ${provider.href}: ${reason}. Check the --provider URL and that the provider is running.`,
      );
    return reason;
  }
}
