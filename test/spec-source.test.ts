import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import request from 'supertest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../src/library/create-app.js';
import { OptionsError } from '../src/config/options-error.js';
import { readConfigFile } from '../src/config/read-config-file.js';
import { SpecError } from '../src/contract/spec-error.js';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { closeServer, listenLocal } from './helpers/hostile-http.js';
import { SPEC_FILE } from './helpers/paths.js';
import { mockUrl, serveMock } from './helpers/serve-mock.js';
import { tempDir } from './helpers/temp-dir.js';
import { VARIANTS, variantSpec, variantSpecFile } from './helpers/variant-spec.js';
import { waitFor } from './helpers/wait-for.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => closeServer(server)));
});

/** A provider stand-in that answers `/openapi.json` as `answer` says. */
async function providerServing(answer: (res: ServerResponse) => void): Promise<string> {
  const server = createServer((req, res) =>
    req.url === '/openapi.json' ? answer(res) : res.writeHead(404).end(),
  );
  servers.push(server);
  return `http://127.0.0.1:${await listenLocal(server)}/openapi.json`;
}

describe('--spec <url>: the spec of a running provider, loaded at start-up', () => {
  it("validates, generates and serves /openapi.json from the provider's spec", async () => {
    const spec = variantSpec(VARIANTS['a field added (tenant_id, required)']);
    const url = await providerServing((res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(spec)),
    );
    const { url: app, engine } = await serveMock({ spec: url, fixtures: tempDir() });
    expect(engine.spec.origin).toBe(url);
    const event = JSON.parse(
      (await request(app).get('/v1/audit/events/e1').set(AUTH_HEADERS)).text,
    ) as Record<string, unknown>;
    expect(event).toHaveProperty('tenant_id');
    expect((await request(app).get('/openapi.json')).text).toBe(JSON.stringify(spec));
  });

  it('stops start-up with a clear error when the provider answers something else', async () => {
    const missing = await providerServing((res) =>
      res.writeHead(404).end('{"detail":"Not Found"}'),
    );
    await expect(mockUrl({ spec: missing })).rejects.toThrow(
      /it answered 404, not 200.*openapi_url/,
    );
    const html = await providerServing((res) => res.writeHead(200).end('<html>'));
    await expect(mockUrl({ spec: html })).rejects.toThrow(/The spec at .* is not valid JSON/);
    const swagger2 = await providerServing((res) => res.writeHead(200).end('{"swagger":"2.0"}'));
    await expect(mockUrl({ spec: swagger2 })).rejects.toThrow(SpecError);
  });

  it('gives up after the timeout, saying which option raises it', async () => {
    const silent = await providerServing(() => undefined);
    await expect(mockUrl({ spec: silent, specTimeoutMs: 200 })).rejects.toThrow(
      /no complete answer within 200 ms.*--spec-timeout/,
    );
  });

  it('names the address when nothing listens there', async () => {
    const server = createServer();
    const port = await listenLocal(server);
    await closeServer(server);
    await expect(mockUrl({ spec: `http://127.0.0.1:${port}/openapi.json` })).rejects.toThrow(
      /ECONNREFUSED\. Check that the provider is running at that address/,
    );
  });

  it('is refused by createApp, which is synchronous, with what to do instead', () => {
    expect(() => createApp({ spec: 'http://127.0.0.1:1/openapi.json' })).toThrow(OptionsError);
    expect(() => createApp({ spec: 'http://127.0.0.1:1/openapi.json' })).toThrow(
      /use startServer\(\), or save/,
    );
  });

  it('keeps a URL in a config file as it is, and makes a path relative to the file', () => {
    const dir = tempDir({
      'a.json': JSON.stringify({ spec: 'http://provider.test/openapi.json' }),
      'b.json': JSON.stringify({ spec: 'specs/openapi.json' }),
    });
    expect(readConfigFile(`${dir}/a.json`).spec).toBe('http://provider.test/openapi.json');
    expect(readConfigFile(`${dir}/b.json`).spec).toBe(`${dir}/specs/openapi.json`);
  });
});

describe('--watch reads the spec file again when it changes', () => {
  it('serves the new shape after an edit, and keeps the last good spec after a broken one', async () => {
    const file = variantSpecFile(() => undefined);
    const logger = { error: vi.fn(), info: vi.fn() };
    const { url: app } = await serveMock({ spec: file, fixtures: tempDir(), watch: true, logger });
    const fields = async () =>
      Object.keys(
        JSON.parse(
          (await request(app).get('/v1/audit/events/e1').set(AUTH_HEADERS)).text,
        ) as object,
      );
    expect(await fields()).not.toContain('tenant_id');

    writeFileSync(
      file,
      JSON.stringify(variantSpec(VARIANTS['a field added (tenant_id, required)'])),
    );
    await waitFor('the spec to reload', async () =>
      (await fields()).includes('tenant_id') ? true : undefined,
    );
    expect((await request(app).get('/openapi.json')).text).toContain('tenant_id');

    writeFileSync(file, '{"openapi": "3.1.0", broken');
    await waitFor('the failed reload to be logged', () =>
      logger.error.mock.calls.length > 0 ? true : undefined,
    );
    expect(logger.error).toHaveBeenCalledWith(
      'spec reload failed; still serving the last good spec',
      expect.objectContaining({ problems: expect.stringMatching(/not valid JSON/) }),
    );
    expect(await fields()).toContain('tenant_id');
  });

  it('does not watch the spec without --watch', async () => {
    const file = variantSpecFile(() => undefined);
    const { engine } = await serveMock({ spec: file, fixtures: tempDir() });
    writeFileSync(file, readFileSync(SPEC_FILE, 'utf8').replace('"Audit Events API"', '"Changed"'));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(engine.spec.text).toContain('"Audit Events API"');
  });
});
