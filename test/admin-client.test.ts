import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AdminClient } from '../src/client/admin-client.js';
import { AdminRequestError } from '../src/client/admin-request-error.js';
import { createAdminClient } from '../src/client/create-admin-client.js';
import { createSchemaAjv, readSchemaFiles, schemaId } from '../src/contract/schema-validators.js';
import type { AnswerSource } from '../src/core/answer.js';
import { MockError } from '../src/core/mock-error.js';
import type { CoverageReport as PublicCoverageReport } from '../src/generated/coverage-report.js';
import type { JournalEntry as PublicJournalEntry } from '../src/generated/journal-entry.js';
import { generateEvent } from '../src/library/generate-event.js';
import type { CoverageReport } from '../src/report/coverage-report.js';
import type { JournalEntry } from '../src/state/journal.js';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { mockUrl } from './helpers/serve-mock.js';

const schemas = createSchemaAjv(readSchemaFiles(), false);

/** Fails unless `value` is what `schemas/<name>.schema.json` declares; gives it back. */
function declared<T>(name: string, value: T): T {
  const validate = schemas.getSchema(schemaId(name));
  if (!validate) throw new Error(`no schema ${name}`);
  expect(validate(value) ? [] : validate.errors, `${name}: ${JSON.stringify(value)}`).toEqual([]);
  return value;
}

function send(url: string, id: string, headers: Record<string, string> = {}) {
  return fetch(`${url}/v1/audit/events/${id}`, { headers: { ...AUTH_HEADERS, ...headers } });
}

async function refusal(call: Promise<unknown>): Promise<AdminRequestError> {
  const error: unknown = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AdminRequestError);
  return error as AdminRequestError;
}

const url = await mockUrl();

describe('createAdminClient({ url, session, token })', () => {
  it('reads and changes the admin API with answers as its JSON Schemas declare them', async () => {
    const admin = createAdminClient({ url, session: 'typed' });
    expect(declared('health', await admin.health())).toMatchObject({ status: 'ok' });

    const event = { ...generateEvent('evt_typed'), event_type: 'fixture.set_at_run_time' };
    expect(declared('fixture-put', await admin.putFixture('evt_typed', event))).toEqual({
      id: 'evt_typed',
      kind: 'event',
      session: 'typed',
    });
    await admin.putFixture('evt_gone', { status: 410, body: { detail: 'Gone' } });
    for (const listed of await admin.listFixtures()) declared('fixture-listing', listed);
    expect(declared('stored-fixture', await admin.getFixture('evt_typed'))).toMatchObject({
      kind: 'event',
      event: { event_type: 'fixture.set_at_run_time' },
    });
    expect(declared('stored-fixture', await admin.getFixture('evt_gone'))).toMatchObject({
      kind: 'response',
      status: 410,
      body: '{"detail":"Gone"}',
    });

    const scenario = declared(
      'scenario-state',
      await admin.addScenario({
        name: 'flaky',
        match: { pattern: 'evt_t*' },
        steps: [{ status: 503, fault: 'connection-reset' }, { fixture: 'evt_gone' }],
      }),
    );
    expect(scenario).toMatchObject({ session: 'typed', remaining: 2 });
    const headers = { 'x-mock-session': 'typed' };
    await send(url, 'evt_typed', headers).catch(() => undefined);
    expect((await send(url, 'evt_typed', headers)).status).toBe(410);
    expect((await send(url, 'evt_typed', headers)).status).toBe(200);
    for (const listed of await admin.listScenarios()) declared('scenario-state', listed);

    const journal = await admin.listRequests();
    for (const entry of journal) declared('journal-entry', entry);
    expect(journal.map((entry) => [entry.status, entry.source])).toEqual([
      [200, 'fixture'],
      [410, 'scenario'],
      [503, 'scenario'],
    ]);
    expect(await admin.listRequests({ status: 410 })).toHaveLength(1);
    expect(await admin.listRequests({ limit: 1, eventId: 'evt_typed' })).toHaveLength(1);
    expect(await admin.listRequests({ since: new Date(Date.now() + 60_000) })).toEqual([]);

    await admin.deleteScenario(scenario.id);
    await admin.deleteFixture('evt_gone');
    await admin.clearRequests();
    expect(await admin.listScenarios()).toEqual([]);
    expect(await admin.listRequests()).toEqual([]);
    await admin.addScenario({ match: { eventId: 'e' }, steps: [{ status: 500 }] });
    await admin.deleteScenarios();
    await admin.reset();
    expect((await admin.listFixtures()).filter((listed) => listed.origin === 'runtime')).toEqual(
      [],
    );
  });

  it('sets, reads and clears the session’s default preferences', async () => {
    const admin = createAdminClient({ url, session: 'defaults' });
    expect(declared('preferences', await admin.setPreferences({ code: 404, delay: 1 }))).toEqual({
      code: 404,
      delay: 1,
    });
    expect(declared('preferences', await admin.getPreferences())).toEqual({ code: 404, delay: 1 });
    expect((await send(url, 'evt_any', { 'x-mock-session': 'defaults' })).status).toBe(404);
    await admin.clearPreferences();
    expect(await admin.getPreferences()).toEqual({});
  });

  it('reads and clears the session’s coverage, exports its pact and sets up a provider state', async () => {
    const admin = createAdminClient({ url, session: 'covered' });
    const headers = { 'x-mock-session': 'covered' };
    expect((await send(url, 'evt_minimal_system', headers)).status).toBe(200);
    expect((await send(url, 'evt_not_found', headers)).status).toBe(404);
    const report = declared('coverage-report', await admin.coverage());
    expect(report).toMatchObject({ scope: 'session', session: 'covered', requests: 2 });
    const covered = report.outcomes.filter((outcome) => outcome.status === 'covered');
    expect(covered.map((outcome) => outcome.id)).toEqual(
      expect.arrayContaining(['200-event', '404-event-not-found']),
    );
    declared('coverage-report', await createAdminClient({ url }).coverage());

    const pact = declared('pact-file', await admin.pact({ consumer: 'web', version: 4 }));
    expect(pact).toMatchObject({
      consumer: { name: 'web' },
      provider: { name: 'audit-events-api' },
      metadata: { pactSpecification: { version: '4.0' } },
    });
    expect(pact.interactions.map((interaction) => interaction.response.status).sort()).toEqual([
      200, 404,
    ]);
    expect((await admin.pact()).metadata.pactSpecification.version).toBe('3.0.0');

    expect(
      await admin.setProviderState({
        state: 'no audit event evt_minimal_system',
        params: { event_id: 'evt_minimal_system' },
      }),
    ).toEqual({ event_id: 'evt_minimal_system' });
    expect((await send(url, 'evt_minimal_system', headers)).status).toBe(404);
    await admin.setProviderState({
      action: 'teardown',
      state: 'no audit event evt_minimal_system',
      params: { event_id: 'evt_minimal_system' },
    });
    expect((await send(url, 'evt_minimal_system', headers)).status).toBe(200);

    await admin.clearCoverage();
    expect(await admin.coverage()).toMatchObject({ requests: 0 });
    expect((await admin.pact()).interactions).toEqual([]);
    const unknown = await refusal(admin.setProviderState({ state: 'the moon is made of cheese' }));
    expect(unknown.status).toBe(400);
  });

  it('scopes every call to its session; without one, to the global state', async () => {
    const one = createAdminClient({ url, session: 'one' });
    const global = createAdminClient({ url });
    await one.addScenario({ match: { eventId: 'evt_scoped' }, steps: [{ status: 404 }] });
    expect(await one.listScenarios()).toHaveLength(1);
    expect(await createAdminClient({ url, session: 'two' }).listScenarios()).toEqual([]);
    expect(await global.listScenarios()).toEqual([]);
    expect((await send(url, 'evt_scoped', { 'x-mock-session': 'one' })).status).toBe(404);
    expect(await one.listRequests({ eventId: 'evt_scoped' })).toHaveLength(1);
    expect(await global.listRequests({ session: 'one', eventId: 'evt_scoped' })).toHaveLength(1);
    await one.reset();
  });

  it('sends the admin token of a mock started with one', async () => {
    const guarded = await mockUrl({ admin: { token: 's3cret' } });
    const error = await refusal(createAdminClient({ url: guarded }).health());
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/^GET \/__mock\/health answered 401: .*X-Mock-Admin-Token/);
    expect(await createAdminClient({ url: guarded, token: 's3cret' }).health()).toMatchObject({
      status: 'ok',
    });
  });

  it('rejects a refused call with an AdminRequestError: its status, detail and what to fix', async () => {
    const admin = createAdminClient({ url });
    // A value the types refuse too: the admin API checks what an untyped caller sends.
    const body = JSON.parse('{"match":{"eventId":"e"},"steps":[{"status":418}]}') as Parameters<
      AdminClient['addScenario']
    >[0];
    const error = await refusal(admin.addScenario(body));
    expect(error).toBeInstanceOf(MockError);
    expect(error.code).toBe('ADMIN_REQUEST_FAILED');
    expect(error.status).toBe(400);
    expect(error.call).toBe('POST /__mock/scenarios');
    expect(error.detail).toEqual([
      expect.objectContaining({ loc: ['body', 'steps', 0, 'status'] }),
    ]);
    expect(error.message).toMatch(/^POST \/__mock\/scenarios answered 400: steps\/0\/status: /);
    const missing = await refusal(admin.deleteScenario('scn_404'));
    expect(missing.status).toBe(404);
    expect(missing.message).toContain('GET /__mock/scenarios lists them');
  });

  it('rejects with an AdminRequestError naming the address when nothing answers there', async () => {
    const closed = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => closed.once('listening', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await refusal(createAdminClient({ url: `http://127.0.0.1:${port}` }).reset());
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(
      new RegExp(
        `^POST /__mock/reset: cannot reach the admin API at http://127\\.0\\.0\\.1:${port}/__mock`,
      ),
    );
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('refuses a url that is not an http address, saying which one it wants', () => {
    for (const bad of ['127.0.0.1:4010', 'ftp://host/', ''])
      expect(() => createAdminClient({ url: bad })).toThrow(
        expect.objectContaining({ code: 'OPTIONS_INVALID', message: expect.stringContaining(bad) }),
      );
  });

  it('calls through the fetch it is given, under the path of the url', async () => {
    const seen: string[] = [];
    const admin = createAdminClient({
      url: `${url}/`,
      fetch: (input, init) => {
        seen.push(`${init?.method ?? 'GET'} ${String(input)}`);
        return fetch(input, init);
      },
    });
    await admin.listRequests({ eventId: 'a b', status: 200 });
    expect(seen).toEqual([`GET ${url}/__mock/requests?eventId=a+b&status=200`]);
  });

  it('declares the journal entries and the coverage reports the server makes', () => {
    expectTypeOf<JournalEntry>().toExtend<PublicJournalEntry>();
    // The report's lists are read-only; their items and the rest must be what the schema declares.
    type Lists = 'outcomes' | 'sessions';
    expectTypeOf<Omit<CoverageReport, Lists>>().toExtend<Omit<PublicCoverageReport, Lists>>();
    expectTypeOf<CoverageReport['outcomes'][number]>().toExtend<
      PublicCoverageReport['outcomes'][number]
    >();
    expectTypeOf<CoverageReport['sessions'][number]>().toExtend<
      PublicCoverageReport['sessions'][number]
    >();
    expectTypeOf<PublicJournalEntry['source']>().toEqualTypeOf<AnswerSource>();
  });
});
