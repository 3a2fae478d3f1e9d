import type { EventField } from '../contract/compile-contract.js';
import { formatPythonFloat } from './format-python-float.js';

/** Serializes an event exactly as the provider's response model does. */
export type EventSerializer = (event: Readonly<Record<string, unknown>>) => string;

/**
 * Builds a serializer for the response model's fields: compact JSON, fields in the declared order,
 * `null` for every absent optional field, floats as Python writes them, UTF-8 left unescaped.
 */
export function createEventSerializer(fields: readonly EventField[]): EventSerializer {
  const parts = fields.map((field, index) => ({
    ...field,
    prefix: `${index === 0 ? '{' : ','}${JSON.stringify(field.name)}:`,
  }));
  return (event) => {
    let out = '';
    for (const { name, float, prefix } of parts) {
      const value = event[name];
      out += prefix;
      if (value === undefined || value === null) out += 'null';
      else if (float && typeof value === 'number') out += formatPythonFloat(value);
      else out += JSON.stringify(value);
    }
    return `${out}}`;
  };
}
