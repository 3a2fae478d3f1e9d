import { readFileSync } from 'node:fs';
import { SPEC_FILE } from './paths.js';
import { tempDir } from './temp-dir.js';

type Schema = Record<string, unknown>;
/** The bundled spec as a plain object, with AuditEventResponse at hand. */
export interface EditableSpec {
  info: { title: string };
  components: {
    schemas: {
      AuditEventResponse: { properties: Record<string, Schema>; required: string[] };
    } & Record<string, unknown>;
  } & Record<string, unknown>;
  [key: string]: unknown;
}

/** A copy of the bundled spec, changed by `edit`. */
export function variantSpec(edit: (spec: EditableSpec) => void): EditableSpec {
  const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as EditableSpec;
  edit(spec);
  return spec;
}

/** A variant of the bundled spec written to a temporary file; returns its path. */
export function variantSpecFile(edit: (spec: EditableSpec) => void): string {
  return `${tempDir({ 'openapi.json': JSON.stringify(variantSpec(edit), null, 2) })}/openapi.json`;
}

/** Edits for each kind of change a provider makes to AuditEventResponse. */
export const VARIANTS = {
  'a field added (tenant_id, required)': (spec: EditableSpec) => {
    const model = spec.components.schemas.AuditEventResponse;
    model.properties['tenant_id'] = { type: 'string', title: 'Tenant Id' };
    model.required.push('tenant_id');
  },
  'a field removed (actor_id)': (spec: EditableSpec) => {
    delete spec.components.schemas.AuditEventResponse.properties['actor_id'];
  },
  'a field retyped (user_id integer → string)': (spec: EditableSpec) => {
    spec.components.schemas.AuditEventResponse.properties['user_id'] = {
      anyOf: [{ type: 'string' }, { type: 'null' }],
      title: 'User Id',
    };
  },
  'a field made required and not nullable (resource_type)': (spec: EditableSpec) => {
    const model = spec.components.schemas.AuditEventResponse;
    model.properties['resource_type'] = { type: 'string', title: 'Resource Type' };
    model.required.push('resource_type');
  },
} as const;
