/**
 * Splits `Prefer` header values (RFC 7240) into preferences, by lower-case name: `code=422,
 * dynamic=true` or several headers joined by commas. Values may be quoted; parameters after `;` are
 * dropped. The first occurrence of a name wins, as RFC 7240 says.
 */
export function parsePreferHeader(header: string | undefined): Map<string, string> {
  const preferences = new Map<string, string>();
  if (header === undefined) return preferences;
  for (const part of splitOutsideQuotes(header, ',')) {
    const [preference = ''] = splitOutsideQuotes(part, ';');
    const equals = preference.indexOf('=');
    const name = (equals === -1 ? preference : preference.slice(0, equals)).trim().toLowerCase();
    if (name === '' || preferences.has(name)) continue;
    const raw = equals === -1 ? '' : preference.slice(equals + 1).trim();
    preferences.set(name, unquote(raw));
  }
  return preferences;
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
