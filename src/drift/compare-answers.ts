import type { Contract } from '../contract/compile-contract.js';
import type { Answer } from '../core/answer.js';
import { isRecord } from '../core/is-record.js';
import { formatViolation } from '../core/violation.js';
import { checkAnswerBody } from '../fixture-files/build-answer.js';
import type { Probe } from './probe-set.js';
import type { ProviderAnswer } from './send-probe.js';

/** The headers compared: those a client acts on. */
export const COMPARED_HEADERS = [
  'content-type',
  'www-authenticate',
  'allow',
  'location',
  'access-control-allow-origin',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-max-age',
] as const;

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** `allow` lists methods in any order (Starlette's order depends on the process's hash seed). */
function sameHeader(name: string, provider: string | undefined, mock: string | undefined): boolean {
  if (name !== 'allow' || provider === undefined || mock === undefined) return provider === mock;
  const methods = (value: string) =>
    value
      .split(',')
      .map((method) => method.trim())
      .sort()
      .join(',');
  return methods(provider) === methods(mock);
}

function headerValue(answer: ProviderAnswer, name: string): string | undefined {
  const value = answer.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function show(value: string | undefined): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

/** Field names in order, as a consumer's decoder meets them. */
function fieldDifferences(provider: unknown, mock: unknown): string[] {
  if (!isRecord(provider) || !isRecord(mock)) return ['body: not a JSON object on both sides'];
  const theirs = Object.keys(provider);
  const ours = Object.keys(mock);
  const out = [
    ...ours
      .filter((key) => !theirs.includes(key))
      .map((key) => `body: field /${key} missing (the mock sends it)`),
    ...theirs
      .filter((key) => !ours.includes(key))
      .map((key) => `body: field /${key} sent by the provider only`),
  ];
  const common = (keys: string[], other: string[]) => keys.filter((key) => other.includes(key));
  if (out.length === 0 && common(theirs, ours).join(',') !== common(ours, theirs).join(','))
    out.push(`body: fields in another order: ${theirs.join(', ')}`);
  return out;
}

/** What is wrong with the provider's answer by the spec (the same compiled contract the mock uses). */
function contractViolations(probe: Probe, answer: ProviderAnswer, contract: Contract): string[] {
  if (probe.eventId === undefined || probe.method !== 'GET') return [];
  const contentType = headerValue(answer, 'content-type') ?? '';
  if (!contentType.startsWith('application/json')) return [];
  const body = parseJson(answer.body);
  if (body === undefined) return ['contract: the body is not valid JSON'];
  return checkAnswerBody(answer.status, body, probe.eventId, contract, '').map(
    (violation) => `contract: ${formatViolation(violation)}`,
  );
}

/**
 * The differences between the provider's answer and the mock's to the same probe (status, the
 * headers in {@link COMPARED_HEADERS}, the body as the probe says), and the provider answer's
 * violations of the contract. Empty when they agree.
 */
export function compareAnswers(
  probe: Probe,
  provider: ProviderAnswer,
  mock: Answer,
  contract: Contract,
): string[] {
  const out: string[] = [];
  if (provider.status !== mock.status)
    out.push(`status: provider ${provider.status}, mock ${mock.status}`);
  for (const name of COMPARED_HEADERS) {
    const theirs = headerValue(provider, name);
    const ours = mock.headers[name];
    if (!sameHeader(name, theirs, ours))
      out.push(`header ${name}: provider ${show(theirs)}, mock ${show(ours)}`);
  }
  if (provider.status === mock.status) {
    if (probe.body === 'exact' && !provider.body.equals(mock.body))
      out.push(
        `body: provider ${show(provider.body.toString('utf8'))}, mock ${show(mock.body.toString('utf8'))}`,
      );
    if (probe.body === 'fields')
      out.push(...fieldDifferences(parseJson(provider.body), parseJson(mock.body)));
  }
  out.push(...contractViolations(probe, provider, contract));
  return out;
}
