import { MAX_JSON_DEPTH } from './limits.js';

export { MAX_JSON_DEPTH };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;
const SPACE = 0x20;

/**
 * `true` when the JSON text nests arrays or objects deeper than `max`. Read from the text, before
 * parsing, in one pass that allocates nothing: a megabyte of `[{},{},...]` costs a millisecond
 * here, where walking the parsed value cost a second. (Text that is not JSON gives an answer that
 * does not matter: parsing it fails next.)
 */
export function jsonDeeperThan(text: string, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index += 1;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) inString = true;
    else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      depth += 1;
      if (depth > max) return true;
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) depth -= 1;
  }
  return false;
}

/** How deep a JSON text nests and about how many values it holds (containers and items). */
export interface JsonTextShape {
  readonly depth: number;
  readonly values: number;
}

/**
 * The shape of a JSON text, read in one pass that allocates nothing (about 6 ms a megabyte): what
 * parsing it would build, known before paying for it.
 */
export function jsonTextShape(text: string): JsonTextShape {
  let depth = 0;
  let deepest = 0;
  // The whole text is one value; a container adds one for its first item and one per comma.
  let values = 1;
  let opened = false;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index += 1;
      else if (code === QUOTE) inString = false;
      continue;
    }
    if (opened && code > SPACE) {
      opened = false;
      if (code !== CLOSE_BRACKET && code !== CLOSE_BRACE) values += 1;
    }
    if (code === QUOTE) inString = true;
    else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      depth += 1;
      opened = true;
      if (depth > deepest) deepest = depth;
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) depth -= 1;
    else if (code === COMMA) values += 1;
  }
  return { depth: deepest, values };
}
