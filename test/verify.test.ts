import { describe, expect, it } from 'vitest';
import { runMain } from './helpers/in-process-cli.js';
import { closeServer, listenLocal } from './helpers/hostile-http.js';
import type { Deviations } from './helpers/provider-stand-in.js';
import { STAND_IN, startStandIn } from './helpers/provider-stand-in.js';
import { mockUrl } from './helpers/serve-mock.js';
import { variantSpec, VARIANTS } from './helpers/variant-spec.js';
import { createServer } from 'node:http';

interface Report {
  probes: { name: string; outcome: string; notes: string[] }[];
  specChanges: { kind: string; class: string; where: string }[];
  specProblem: string | null;
  drift: number;
}

const CREDENTIALS = ['--token', STAND_IN.token, '--event-id', STAND_IN.eventId];

async function verifyJson(url: string, extra: readonly string[] = CREDENTIALS) {
  const result = await runMain(['verify', '--provider', url, ...extra, '--json']);
  return { code: result.code, stderr: result.stderr, report: JSON.parse(result.stdout) as Report };
}

/** The probes that drifted, by name, with their notes. */
function drifted(report: Report): Record<string, string[]> {
  return Object.fromEntries(
    report.probes
      .filter((probe) => probe.outcome === 'drift')
      .map((probe) => [probe.name, probe.notes]),
  );
}

describe('verify against a provider that answers as the mock does', () => {
  it('reports no drift against the mock itself, and exits 0', async () => {
    const mock = await mockUrl();
    const { code, report } = await verifyJson(mock, [
      '--token',
      'any-token',
      '--api-key',
      'any-key',
      '--event-id',
      'evt_login_failed',
      '--event-id',
      'e1',
    ]);
    expect(drifted(report)).toEqual({});
    expect(report.probes.filter((probe) => probe.outcome === 'skipped')).toEqual([]);
    expect(report.specChanges).toEqual([]);
    expect(report).toMatchObject({ drift: 0, specProblem: null });
    expect(code).toBe(0);
  });

  it('reports no drift against a faithful stand-in, sending only GET, HEAD and OPTIONS to it', async () => {
    const standIn = await startStandIn();
    const { code, report } = await verifyJson(standIn.url);
    expect(drifted(report)).toEqual({});
    expect(code).toBe(0);
    expect(new Set(standIn.requests.map((request) => request.method))).toEqual(
      new Set(['GET', 'HEAD', 'OPTIONS']),
    );
    expect(standIn.requests).toHaveLength(report.probes.length);
  });

  it('skips the probes that need credentials when none are given, and says so', async () => {
    const standIn = await startStandIn();
    const { code, report } = await verifyJson(standIn.url, ['--event-id', STAND_IN.eventId]);
    expect(report.probes.filter((probe) => probe.outcome === 'skipped')).toEqual([
      expect.objectContaining({
        name: `event ${STAND_IN.eventId}`,
        notes: ['needs --token or --api-key'],
      }),
      expect.objectContaining({ name: 'unknown id', notes: ['needs --token or --api-key'] }),
    ]);
    expect(code).toBe(0);
  });
});

describe('verify reports each deviation of a provider, and only those', () => {
  const cases: {
    deviation: string;
    deviations: Deviations;
    probes: Record<string, string[]>;
    spec: { kind: string; where: string }[];
  }[] = [
    {
      deviation: 'a field missing from the event',
      deviations: { missingField: 'source' },
      probes: {
        [`token on ${STAND_IN.eventId}`]: [
          'body: field /source missing (the mock sends it)',
          'contract: /source: is required but missing (rule: required)',
        ],
      },
      spec: [],
    },
    {
      deviation: 'a 401 with another body',
      deviations: { rejectedBody: '{"detail":"Invalid token"}' },
      probes: {
        'rejected token': [
          'body: provider "{\\"detail\\":\\"Invalid token\\"}", mock "{\\"detail\\":\\"Could not validate credentials\\"}"',
        ],
      },
      spec: [],
    },
    {
      deviation: 'another www-authenticate',
      deviations: { wwwAuthenticate: 'Bearer realm="audit"' },
      probes: Object.fromEntries(
        ['no credentials', 'another scheme', 'CORS on an answer'].map((name) => [
          name,
          ['header www-authenticate: provider "Bearer realm=\\"audit\\"", mock "Bearer"'],
        ]),
      ),
      spec: [],
    },
    {
      deviation: 'a spec with a retyped field',
      deviations: { spec: variantSpec(VARIANTS['a field retyped (user_id integer → string)']) },
      probes: {},
      spec: [{ kind: 'response-field-retyped', where: 'response 200 /user_id' }],
    },
  ];

  it.each(cases)('$deviation', async ({ deviations, probes, spec }) => {
    const { code, report } = await verifyJson((await startStandIn(deviations)).url);
    expect(drifted(report)).toEqual(probes);
    expect(report.specChanges).toEqual(spec.map((found) => expect.objectContaining(found)));
    expect(report.drift).toBe(Object.keys(probes).length + spec.length);
    expect(code).toBe(1);
  });

  it('reports all of them at once, in the table, JSON and JUnit', async () => {
    const all = Object.assign({}, ...cases.map((found) => found.deviations)) as Deviations;
    const standIn = await startStandIn(all);
    const { report } = await verifyJson(standIn.url);
    expect(Object.keys(drifted(report)).sort()).toEqual([
      'CORS on an answer',
      'another scheme',
      'no credentials',
      'rejected token',
      `token on ${STAND_IN.eventId}`,
    ]);

    const table = await runMain(['verify', '--provider', standIn.url, ...CREDENTIALS]);
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(
      /^drift\s+rejected token\s+GET \/v1\/audit\/events\/evt_verify_probe\s+401\s+401\s+body: provider/m,
    );
    expect(table.stdout).toMatch(
      /^ok\s+unknown id\s+GET \/v1\/audit\/events\/verify-no-such-event-\S+\s+404\s+404$/m,
    );
    expect(table.stdout).toMatch(
      /^breaking\s+response-field-retyped\s+response 200 \/user_id\s+integer or null → string or null$/m,
    );
    expect(table.stdout).toContain('drift: 5 probes and 1 spec change differ from the mock');

    const junit = await runMain(['verify', '--provider', standIn.url, ...CREDENTIALS, '--junit']);
    expect(junit.code).toBe(1);
    expect(junit.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites>/);
    expect(junit.stdout).toContain(`tests="${report.probes.length + 1}" failures="6" skipped="0"`);
    expect(junit.stdout).toContain(
      '<testcase classname="verify.probes" name="rejected token: GET /v1/audit/events/evt_verify_probe"><failure message="body: provider &quot;{\\&quot;detail',
    );
    expect(junit.stdout).toContain(
      '<testcase classname="verify.spec" name="response-field-retyped response 200 /user_id"><failure message="breaking: integer or null → string or null"/>',
    );
    expect(junit.stdout).toContain(
      '<testcase classname="verify.probes" name="unknown path: GET /v1/audit/events-verify-no-such-route"/>',
    );
  });

  it('reports a provider that serves no spec', async () => {
    const mock = await mockUrl({ openapiUrl: null });
    const { code, report } = await verifyJson(mock, [
      '--token',
      't',
      '--openapi-url',
      '/openapi.json',
    ]);
    expect(report.specProblem).toMatch(/answered 404/);
    expect(Object.keys(drifted(report))).toEqual(['spec', 'docs page']);
    expect(code).toBe(1);
  });
});

describe('verify exits 2 when it cannot verify', () => {
  it('names the provider it cannot reach', async () => {
    const server = createServer();
    const port = await listenLocal(server);
    await closeServer(server);
    const result = await runMain(['verify', '--provider', `http://127.0.0.1:${port}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /Cannot reach the provider at http:\/\/127\.0\.0\.1:\d+\/: ECONNREFUSED/,
    );
  });

  it('asks for --provider, and for a URL', async () => {
    expect(await runMain(['verify'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/verify needs --provider <url>/),
    });
    expect(await runMain(['verify', '--provider', 'localhost:8000'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/must be an http or https URL/),
    });
  });
});
