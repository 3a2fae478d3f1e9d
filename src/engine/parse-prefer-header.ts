/** One preference of a `Prefer` header: its value and its `;` parameters, by lower-case name. */
export interface Preference {
  readonly value: string;
  readonly params: ReadonlyMap<string, string>;
}

/**
 * Splits `Prefer` header values (RFC 7240) into preferences, by lower-case name: `code=422,
 * fault=slow-body; duration=3000` or several headers joined by commas. Values may be quoted. The
 * first occurrence of a name wins, as RFC 7240 says.
 */
export function parsePreferHeader(header: string | undefined): Map<string, Preference> {
  const preferences = new Map<string, Preference>();
  if (header === undefined) return preferences;
  for (const part of splitOutsideQuotes(header, ',')) {
    const [preference = '', ...parameters] = splitOutsideQuotes(part, ';');
    const [name, value] = nameAndValue(preference);
    if (name === '' || preferences.has(name)) continue;
    const params = new Map<string, string>();
    for (const parameter of parameters) {
      const [key, text] = nameAndValue(parameter);
      if (key !== '' && !params.has(key)) params.set(key, text);
    }
    preferences.set(name, { value, params });
  }
  return preferences;
}

function nameAndValue(text: string): [string, string] {
  const equals = text.indexOf('=');
  const name = (equals === -1 ? text : text.slice(0, equals)).trim().toLowerCase();
  return [name, unquote(equals === -1 ? '' : text.slice(equals + 1).trim())];
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return value;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (char === '\\' && quoted) {
      current += char + text.charAt(index + 1);
      index += 1;
    } else if (char === '"') {
      quoted = !quoted;
      current += char;
    } else if (char === separator && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}
