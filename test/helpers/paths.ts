import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SPEC_FILE = `${ROOT}spec/openapi.json`;
export const FIXTURES_DIR = `${ROOT}fixtures`;
export const CLI = `${ROOT}dist/cli.cjs`;

/** The spec as a plain object, read from disk (not through the code under test). */
export function readSpec(): {
  components: { schemas: Record<string, { properties: Record<string, unknown> }> };
} {
  return JSON.parse(readFileSync(SPEC_FILE, 'utf8'));
}

/** The field names of AuditEventResponse in declared order. */
export function eventFieldNames(): string[] {
  const schema = readSpec().components.schemas['AuditEventResponse'];
  if (!schema) throw new Error('spec has no AuditEventResponse');
  return Object.keys(schema.properties);
}

/** Every bundled event fixture: its id and the parsed file. */
export function bundledEventFixtures(): {
  id: string;
  file: string;
  event: Record<string, unknown>;
}[] {
  const folder = `${FIXTURES_DIR}/events`;
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .map((name) => {
      const event = JSON.parse(readFileSync(`${folder}/${name}`, 'utf8')) as Record<
        string,
        unknown
      >;
      return { id: String(event['id']), file: name, event };
    });
}
