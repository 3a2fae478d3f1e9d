import { formatPythonFloat } from './format-python-float.js';

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER_CHAR = /[0-9eE.+-]/;

/** A JSON number literal as Python's `json.loads` then `json.dumps` write it. */
function pythonNumber(literal: string): string {
  // An int keeps its digits (Python ints are exact); a float is written as Python's repr.
  if (/^-?\d+$/.test(literal)) return literal === '-0' ? '0' : literal;
  return formatPythonFloat(Number(literal));
}

/**
 * Re-encodes JSON text the way FastAPI's `JSONResponse` writes a document: compact (separators
 * `,` and `:`), UTF-8 unescaped, floats as Python writes them (`100.0`, `1e-05`). Unlike
 * `JSON.stringify(JSON.parse(text))`, keys keep the order they have in the text (JavaScript would
 * move integer-like keys such as `"201"` before `"200"`) and numbers keep their kind (`1.0` stays a
 * float). The text must be valid JSON; a leading byte-order mark is dropped.
 */
export function fastapiJson(text: string): string {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let out = '';
  let index = 0;
  while (index < source.length) {
    const char = source.charAt(index);
    if (char === '"') {
      let end = index + 1;
      while (source.charAt(end) !== '"') end += source.charAt(end) === '\\' ? 2 : 1;
      // Escapes are rewritten as Python writes them: only `"`, `\` and control characters.
      out += JSON.stringify(JSON.parse(source.slice(index, end + 1)) as string);
      index = end + 1;
    } else if (char === '-' || (char >= '0' && char <= '9')) {
      let end = index + 1;
      while (end < source.length && NUMBER_CHAR.test(source.charAt(end))) end += 1;
      out += pythonNumber(source.slice(index, end));
      index = end;
    } else {
      if (!WHITESPACE.has(char)) out += char;
      index += 1;
    }
  }
  return out;
}
