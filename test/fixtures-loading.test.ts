import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { mockUrl, serveMock } from './helpers/serve-mock.js';
import { FixtureLoadError } from '../src/fixture-files/fixture-problem.js';
import { CLI, FIXTURES_DIR } from './helpers/paths.js';
import { tempDir } from './helpers/temp-dir.js';

const run = promisify(execFile);
const good = JSON.parse(
  readFileSync(`${FIXTURES_DIR}/events/evt_login_failed.json`, 'utf8'),
) as Record<string, unknown>;
const event = (changes: Record<string, unknown>) =>
  JSON.stringify({ ...good, ...changes }, null, 2);

async function loadProblems(files: Record<string, string>) {
  try {
    await mockUrl({ fixtures: tempDir(files) });
  } catch (error) {
    if (error instanceof FixtureLoadError) return error.problems;
    throw error;
  }
  throw new Error('start-up did not fail');
}

/** The ids of the bundled pinned answers (fixtures/responses/). */
const PINNED = readdirSync(`${FIXTURES_DIR}/responses`)
  .map((file) =>
    String(
      (JSON.parse(readFileSync(`${FIXTURES_DIR}/responses/${file}`, 'utf8')) as { id: unknown }).id,
    ),
  )
  .sort();

describe('fixtures are checked at start-up', () => {
  it.each([
    [
      'a field of the wrong type',
      { 'events/bad.json': event({ user_id: 'u-1' }) },
      {
        file: 'events/bad.json',
        pointer: '/user_id',
        rule: 'anyOf',
        message: 'must be integer or null',
      },
    ],
    [
      'a missing required field',
      { 'events/bad.json': event({ status: undefined }) },
      { file: 'events/bad.json', pointer: '/status', rule: 'required' },
    ],
    [
      'a created_at that is not a date-time',
      { 'events/bad.json': event({ created_at: 'yesterday' }) },
      { pointer: '/created_at', rule: 'format' },
    ],
    [
      'a created_at the provider would not write',
      { 'events/bad.json': event({ created_at: '2026-05-01T10:00:00.123Z' }) },
      { pointer: '/created_at', rule: 'provider-format' },
    ],
    [
      'a field the response model does not have',
      { 'events/bad.json': event({ severity: 'high' }) },
      { pointer: '/severity', rule: 'additionalProperties' },
    ],
    [
      'a body that is not an object',
      { 'events/bad.json': '[1, 2]' },
      { pointer: '', rule: 'type' },
    ],
    [
      'a file that is not JSON',
      { 'events/bad.json': '{\n  "id": "x",\n}' },
      { file: 'events/bad.json', rule: 'json' },
    ],
    [
      'a duplicate id',
      { 'events/a.json': event({}), 'events/b.json': event({}) },
      { file: 'events/b.json', pointer: '/id', rule: 'unique-id' },
    ],
  ])('stops on %s, naming the file, the JSON pointer and the rule', async (_, files, expected) => {
    expect(await loadProblems(files)).toContainEqual(expect.objectContaining(expected));
  });

  it('says where in the file a JSON syntax error is', async () => {
    const [problem] = await loadProblems({ 'events/bad.json': '{\n  "id": "x",\n}' });
    expect(problem?.message).toMatch(/line 3, column 1/);
  });

  it('lists every problem of every file at once', async () => {
    const problems = await loadProblems({
      'events/a.json': event({ user_id: 'x', task_id: 1.5 }),
      'events/b.json': 'nope',
    });
    expect(problems.map((problem) => `${problem.file}${problem.pointer}`)).toEqual([
      'events/a.json/user_id',
      'events/a.json/task_id',
      'events/b.json',
    ]);
  });

  it('stops when the fixtures folder does not exist', async () => {
    await expect(mockUrl({ fixtures: '/nonexistent/fixtures' })).rejects.toThrow(
      /\/nonexistent\/fixtures: is not a folder/,
    );
  });

  it('stops when event files sit in the folder itself instead of its events/ subfolder', async () => {
    expect(await loadProblems({ 'evt_a.json': event({}) })).toContainEqual(
      expect.objectContaining({ rule: 'folder' }),
    );
  });

  it('serves a folder with no events/ subfolder as no fixtures of its own: only the pinned answers', async () => {
    const { engine } = await serveMock({ fixtures: tempDir({ 'README.md': 'notes' }) });
    expect(engine.files.events.size).toBe(0);
    expect([...engine.files.responses.keys()].sort()).toEqual(PINNED);
    const bare = await serveMock({
      fixtures: tempDir({ 'README.md': 'notes' }),
      pinnedResponses: false,
    });
    expect(bare.engine.files.events.size + bare.engine.files.responses.size).toBe(0);
  });

  it('combines several folders in order, a later fixture replacing an earlier one of its id', async () => {
    const first = tempDir({
      'events/a.json': event({ id: 'evt_a', event_type: 'first.a' }),
      'events/b.json': event({ id: 'evt_b', event_type: 'first.b' }),
    });
    const second = tempDir({
      'events/b.json': event({ id: 'evt_b', event_type: 'second.b' }),
      'responses/not-found.json': JSON.stringify({
        id: 'evt_not_found',
        status: 410,
        body: { detail: 'Gone' },
      }),
    });
    const { engine } = await serveMock({ fixtures: [first, second] });
    const eventType = (id: string) =>
      (
        JSON.parse(engine.files.events.get(id)?.body.toString('utf8') ?? '{}') as Record<
          string,
          unknown
        >
      )['event_type'];
    expect(eventType('evt_a')).toBe('first.a');
    expect(eventType('evt_b')).toBe('second.b');
    expect(engine.files.responses.get('evt_not_found')?.answer.status).toBe(410);
    expect(engine.files.responses.has('evt_rate_limited')).toBe(true);
  });

  it('serves a folder of valid fixtures', async () => {
    const { engine } = await serveMock({
      fixtures: tempDir({ 'events/ok.json': event({ id: 'evt_ok' }) }),
    });
    expect([...engine.files.events.keys()]).toEqual(['evt_ok']);
  });

  it('the command exits non-zero with one line per problem', async () => {
    const fixtures = tempDir({ 'events/bad.json': event({ user_id: 'u-1' }) });
    const failure = await run('node', [CLI, '--port', '0', '--fixtures', fixtures]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(
      'events/bad.json: /user_id: must be integer or null (rule: anyOf)',
    );
    expect(failure?.stderr).not.toMatch(/\n\s+at /);
  });
});
