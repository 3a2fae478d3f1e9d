import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH } from './helpers/credentials.js';
import { serveMock } from './helpers/serve-mock.js';
import { verifyPact } from './helpers/verify-pact.js';

// Nothing of the verifier reports usage statistics anywhere.
process.env['PACT_DO_NOT_TRACK'] = 'true';

const EVENTS = '/v1/audit/events';
const SESSION = 'consumer-suite';
const AUTHED = { authorization: AUTH };

interface PactFile {
  interactions: { description: string; response: { status: number } }[];
}

/** A consumer's suite meeting most outcomes, with the mock's own controls to force them. */
const SUITE: readonly [string, Readonly<Record<string, string>>, string?][] = [
  [`${EVENTS}/evt_login_failed`, AUTHED],
  [`${EVENTS}/evt_payload_array`, { ...AUTHED, origin: 'http://localhost:5173' }],
  [`${EVENTS}/generated-1`, AUTHED],
  [`${EVENTS}/generated-2`, AUTHED],
  [`${EVENTS}/by-key`, { 'x-api-key': 'consumer-key' }],
  [`${EVENTS}/x`, {}],
  [`${EVENTS}/x`, { authorization: 'Bearer expired' }],
  [`${EVENTS}/x`, { authorization: 'Bearer' }],
  [`${EVENTS}/x`, { authorization: 'Basic dXNlcjpwYXNz' }],
  [`${EVENTS}/x`, { authorization: 'Bearer invalid' }],
  [`${EVENTS}/evt_not_found`, AUTHED],
  [`${EVENTS}/not-a-uuid`, { ...AUTHED, prefer: 'code=422' }],
  [`${EVENTS}/x?__code=429`, AUTHED],
  [`${EVENTS}/evt_server_error`, AUTHED],
  [`${EVENTS}/x`, { ...AUTHED, prefer: 'code=403' }],
  [`${EVENTS}/x`, { ...AUTHED, prefer: 'code=401' }],
  [`${EVENTS}/x`, { ...AUTHED, prefer: 'code=502' }],
  [`${EVENTS}/x`, { ...AUTHED, prefer: 'code=503' }],
  [`${EVENTS}/x`, { ...AUTHED, prefer: 'code=504' }],
  [`${EVENTS}/slow`, { ...AUTHED, prefer: 'delay=20, example=evt_task_failed' }],
  [`${EVENTS}/x`, AUTHED, 'DELETE'],
  ['/v1/audit/nope', AUTHED],
  [
    `${EVENTS}/x`,
    { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' },
    'OPTIONS',
  ],
  // A scenario with a body of its own: the state must reproduce it.
  [`${EVENTS}/purged`, AUTHED],
];

let dir: string;
let pactV3: string;
let pactV4: string;
let consumerUrl: string;

// One folder for the whole file: the pacts are exported once and verified by several tests.
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'audit-events-mock-pact-'));
  const consumer = await serveMock();
  consumerUrl = consumer.url;
  await fetch(`${consumer.url}/__mock/scenarios`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-mock-session': SESSION },
    body: JSON.stringify({
      match: { eventId: 'purged' },
      steps: [{ status: 404, body: { detail: 'Audit event purged' } }],
    }),
  });
  for (const [path, headers, method = 'GET'] of SUITE) {
    const res = await fetch(`${consumer.url}${path}`, {
      method,
      headers: { ...headers, 'x-mock-session': SESSION },
      redirect: 'manual',
    });
    await res.arrayBuffer();
  }
  const exported = async (version: number) => {
    const res = await fetch(
      `${consumer.url}/__mock/pact?consumer=audit-web&provider=audit-api&version=${version}`,
      { headers: { 'x-mock-session': SESSION } },
    );
    expect(res.status).toBe(200);
    const file = join(dir, `audit-web-audit-api-v${version}.json`);
    writeFileSync(file, await res.text());
    return file;
  };
  pactV3 = await exported(3);
  pactV4 = await exported(4);
});

const interactionsOf = (file: string) =>
  (JSON.parse(readFileSync(file, 'utf8')) as PactFile).interactions;

describe('the exported pact passes the official Pact verifier against the mock', () => {
  it.each([
    ['V3', () => pactV3],
    ['V4', () => pactV4],
  ])('%s, against a mock with another seed', async (_, file) => {
    const provider = await serveMock({ seed: 'the provider runs another data set' });
    const interactions = interactionsOf(file());
    // Two generated ids are one interaction; a 401 and a forced 404 twice would be too.
    expect(interactions).toHaveLength(SUITE.length - 1);
    const verification = await verifyPact(provider.url, file(), dir);
    expect(verification.interactionResults.filter((r) => r.result !== 'OK')).toEqual([]);
    expect(verification.interactionResults).toHaveLength(interactions.length);
    expect(verification.result).toBe(true);
  });

  it('against the mock that recorded it, with its sessions and scenarios still set', async () => {
    const verification = await verifyPact(consumerUrl, pactV3, dir);
    expect(verification.interactionResults).toHaveLength(interactionsOf(pactV3).length);
    expect(verification.result).toBe(true);
  });
});

describe('the verification can fail', () => {
  it('a pact edited to expect another status fails on exactly that interaction', async () => {
    const pact = JSON.parse(readFileSync(pactV3, 'utf8')) as PactFile;
    const edited = pact.interactions.find((interaction) =>
      interaction.description.startsWith(`GET ${EVENTS}/evt_login_failed:`),
    );
    if (!edited) throw new Error('no interaction for evt_login_failed');
    edited.response.status = 201;
    const file = join(dir, 'edited.json');
    writeFileSync(file, JSON.stringify(pact));
    const provider = await serveMock();
    const verification = await verifyPact(provider.url, file, dir);
    expect(verification.result).toBe(false);
    expect(verification.interactionResults).toHaveLength(pact.interactions.length);
    expect(
      verification.interactionResults.filter((r) => r.result !== 'OK').map((r) => r.description),
    ).toEqual([edited.description]);
    expect(verification.report).toContain('expected 201 but was 200');
  });
});
