import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { diffSpecs } from '../src/contract/diff-spec.js';
import type { ChangeKind } from '../src/contract/spec-change.js';
import { CHANGE_KINDS, classify } from '../src/contract/spec-change.js';
import { closeServer, listenLocal } from './helpers/hostile-http.js';
import { runMain } from './helpers/in-process-cli.js';
import { SPEC_FILE } from './helpers/paths.js';
import { tempDir } from './helpers/temp-dir.js';
import type { EditableSpec } from './helpers/variant-spec.js';
import { variantSpec, variantSpecFile } from './helpers/variant-spec.js';

type Edit = (spec: EditableSpec) => void;
const model = (spec: EditableSpec) => spec.components.schemas.AuditEventResponse;
/** `value`, failing the test when it is missing. */
function present<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the bundled spec lacks a part this test edits');
  return value;
}
const operation = (spec: EditableSpec) =>
  present(
    (spec['paths'] as Record<string, { get: Record<string, unknown> }>)[
      '/v1/audit/events/{event_id}'
    ],
  ).get;
const oauth2 = (spec: EditableSpec) =>
  present(
    (
      spec.components['securitySchemes'] as Record<
        string,
        { flows: { password: { tokenUrl: string } } }
      >
    )['OAuth2PasswordBearer'],
  );
const parameters = (spec: EditableSpec) =>
  operation(spec)['parameters'] as Record<string, unknown>[];

/** One edit per class of change, and the one change it must produce. */
const CASES: { change: string; edit: Edit; kind: ChangeKind; where: string; before?: Edit }[] = [
  {
    change: 'a response field removed',
    kind: 'response-field-removed',
    where: 'response 200 /actor_id',
    edit: (s) => delete model(s).properties['actor_id'],
  },
  {
    change: 'a response field retyped',
    kind: 'response-field-retyped',
    where: 'response 200 /task_id',
    edit: (s) =>
      (model(s).properties['task_id'] = {
        anyOf: [{ type: 'string' }, { type: 'null' }],
        title: 'Task Id',
      }),
  },
  {
    change: 'null allowed on a field that was not nullable',
    kind: 'response-nullable-added',
    where: 'response 200 /source',
    edit: (s) =>
      (model(s).properties['source'] = {
        anyOf: [{ type: 'string' }, { type: 'null' }],
        title: 'Source',
      }),
  },
  {
    change: 'a required field made optional',
    kind: 'response-field-made-optional',
    where: 'response 200 /status',
    edit: (s) => (model(s).required = model(s).required.filter((name) => name !== 'status')),
  },
  {
    change: 'a status code removed',
    kind: 'status-code-removed',
    where: 'response 422',
    edit: (s) => delete (operation(s)['responses'] as Record<string, unknown>)['422'],
  },
  {
    change: 'a security change (token URL)',
    kind: 'security-changed',
    where: 'security OAuth2PasswordBearer',
    edit: (s) => (oauth2(s).flows.password.tokenUrl = '/token'),
  },
  {
    change: 'a security change (requirement dropped)',
    kind: 'security-changed',
    where: 'security',
    edit: (s) => (operation(s)['security'] = []),
  },
  {
    change: 'an enum value added to a response field',
    kind: 'response-enum-value-added',
    where: 'response 200 /actor_type',
    before: (s) =>
      (model(s).properties['actor_type'] = {
        type: 'string',
        enum: ['user', 'system'],
        title: 'Actor Type',
      }),
    edit: (s) =>
      (model(s).properties['actor_type'] = {
        type: 'string',
        enum: ['user', 'system', 'robot'],
        title: 'Actor Type',
      }),
  },
  {
    change: 'a format changed',
    kind: 'response-format-changed',
    where: 'response 200 /created_at',
    edit: (s) =>
      (model(s).properties['created_at'] = { type: 'string', format: 'date', title: 'Created At' }),
  },
  {
    change: 'a parameter made required',
    kind: 'parameter-made-required',
    where: 'parameter header X-API-Key',
    edit: (s) => (present(parameters(s)[1])['required'] = true),
  },
  {
    change: 'a required parameter added',
    kind: 'parameter-added-required',
    where: 'parameter query tenant',
    edit: (s) =>
      parameters(s).push({
        name: 'tenant',
        in: 'query',
        required: true,
        schema: { type: 'string' },
      }),
  },
  {
    change: 'a parameter removed',
    kind: 'parameter-removed',
    where: 'parameter header X-API-Key',
    edit: (s) => parameters(s).splice(1, 1),
  },
  {
    change: 'the path moved',
    kind: 'operation-moved',
    where: 'operation',
    edit: (s) => {
      const paths = s['paths'] as Record<string, unknown>;
      paths['/v2/audit/events/{event_id}'] = paths['/v1/audit/events/{event_id}'];
      delete paths['/v1/audit/events/{event_id}'];
    },
  },
  {
    change: 'a response field added',
    kind: 'response-field-added',
    where: 'response 200 /tenant_id',
    edit: (s) => (model(s).properties['tenant_id'] = { type: 'string', title: 'Tenant Id' }),
  },
  {
    change: 'a description changed',
    kind: 'description-changed',
    where: 'response 200 /user_id',
    edit: (s) => (present(model(s).properties['user_id'])['description'] = 'The acting user.'),
  },
  {
    change: 'null no longer sent for a field',
    kind: 'response-nullable-removed',
    where: 'response 200 /actor_id',
    edit: (s) => (model(s).properties['actor_id'] = { type: 'string', title: 'Actor Id' }),
  },
  {
    change: 'an optional field made required',
    kind: 'response-field-made-required',
    where: 'response 200 /vm_id',
    edit: (s) => model(s).required.push('vm_id'),
  },
  {
    change: 'a status code added',
    kind: 'status-code-added',
    where: 'response 404',
    edit: (s) =>
      ((operation(s)['responses'] as Record<string, unknown>)['404'] = {
        description: 'Not Found',
      }),
  },
  {
    change: 'an optional parameter added',
    kind: 'parameter-added-optional',
    where: 'parameter query fields',
    edit: (s) =>
      parameters(s).push({
        name: 'fields',
        in: 'query',
        required: false,
        schema: { type: 'string' },
      }),
  },
  {
    change: 'the summary changed',
    kind: 'description-changed',
    where: 'operation summary',
    edit: (s) => (operation(s)['summary'] = 'Read one audit event'),
  },
];
describe('diff-spec classifies each change for a consumer', () => {
  it.each(CASES)('$change: $kind at "$where"', async ({ edit, kind, where, before }) => {
    const base = before ? variantSpecFile(before) : SPEC_FILE;
    const changed = variantSpecFile((spec) => {
      before?.(spec);
      edit(spec);
    });
    const json = await runMain(['diff-spec', base, changed, '--json']);
    const report = JSON.parse(json.stdout) as {
      breaking: number;
      safe: number;
      changes: { kind: string; class: string; where: string }[];
    };
    expect(report.changes).toEqual([
      expect.objectContaining({ kind, where, class: classify(kind) }),
    ]);
    expect(json.code).toBe(classify(kind) === 'breaking' ? 1 : 0);
    expect([report.breaking, report.safe]).toEqual(classify(kind) === 'breaking' ? [1, 0] : [0, 1]);
    const table = await runMain(['diff-spec', base, changed]);
    expect(table.code).toBe(json.code);
    expect(table.stdout).toMatch(
      new RegExp(`^${classify(kind)}\\s+${kind}\\s+${where.replace(/[/]/g, '\\/')}\\s`, 'm'),
    );
    expect(table.stdout).toContain(`1 change: ${report.breaking} breaking, ${report.safe} safe`);
  });

  it('finds no change between a spec and itself, and exits 0', async () => {
    const result = await runMain(['diff-spec', SPEC_FILE, SPEC_FILE]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^no changes to the operation/);
  });

  it('lists several changes with the breaking ones first', async () => {
    const changed = variantSpecFile((s) => {
      model(s).properties['tenant_id'] = { type: 'string', title: 'Tenant Id' };
      delete model(s).properties['actor_id'];
    });
    const result = await runMain(['diff-spec', SPEC_FILE, changed]);
    expect(result.code).toBe(1);
    const rows = result.stdout.split('\n').slice(1, 3);
    expect(rows[0]).toMatch(/^breaking\s+response-field-removed/);
    expect(rows[1]).toMatch(/^safe\s+response-field-added/);
  });

  it('reads a spec from a URL', async () => {
    const server = createServer((_req, res) =>
      res.end(JSON.stringify(variantSpec((s) => delete model(s).properties['vm_id']))),
    );
    const port = await listenLocal(server);
    afterAll(() => closeServer(server));
    const result = await runMain([
      'diff-spec',
      SPEC_FILE,
      `http://127.0.0.1:${port}/openapi.json`,
      '--json',
    ]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      changes: [{ kind: 'response-field-removed', where: 'response 200 /vm_id' }],
    });
  });

  it('exits 2 naming the problem when a spec cannot be read, or the arguments are wrong', async () => {
    const broken = `${tempDir()}/broken.json`;
    writeFileSync(broken, '{');
    expect(await runMain(['diff-spec', SPEC_FILE, broken])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/is not valid JSON/),
    });
    expect(await runMain(['diff-spec', SPEC_FILE])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/takes two specs/),
    });
  });

  it('has a breaking or safe class for every kind of change', () => {
    for (const kind of CHANGE_KINDS) expect(['breaking', 'safe']).toContain(classify(kind));
    expect(
      diffSpecs(variantSpec(() => undefined) as never, variantSpec(() => undefined) as never),
    ).toEqual([]);
  });
});
