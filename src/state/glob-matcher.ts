/** A compiled glob: `*` is any run of characters (none included), `?` exactly one character. */
export type GlobMatcher = (text: string) => boolean;

/** Whether `segment` (with `?` for any one character) stands in `text` at `at`. */
function standsAt(text: string, segment: string, at: number): boolean {
  for (let index = 0; index < segment.length; index += 1) {
    const expected = segment.charCodeAt(index);
    if (expected !== 0x3f && text.charCodeAt(at + index) !== expected) return false;
  }
  return true;
}

/** The first place at or after `from` where `segment` stands in `text`, or -1. */
function find(text: string, segment: string, from: number): number {
  if (!segment.includes('?')) return text.indexOf(segment, from);
  for (let at = from; at + segment.length <= text.length; at += 1)
    if (standsAt(text, segment, at)) return at;
  return -1;
}

/**
 * Compiles a glob without regular expressions or backtracking: the pattern is cut at its `*`s, the
 * first piece must start the text, the last must end it, and each piece between is taken at its
 * first place after the one before (taking the first place is never worse). A match costs at most
 * one pass over the text per piece, so a pattern of bounded length matches in time linear in the
 * text, whatever the two hold.
 */
export function compileGlob(pattern: string): GlobMatcher {
  const pieces = pattern.split('*');
  if (pieces.length === 1)
    return (text) => text.length === pattern.length && standsAt(text, pattern, 0);
  const first = pieces[0] ?? '';
  const last = pieces[pieces.length - 1] ?? '';
  const middle = pieces.slice(1, -1).filter((piece) => piece !== '');
  const least = pieces.reduce((sum, piece) => sum + piece.length, 0);
  return (text) => {
    if (text.length < least) return false;
    if (!standsAt(text, first, 0) || !standsAt(text, last, text.length - last.length)) return false;
    let at = first.length;
    const end = text.length - last.length;
    for (const piece of middle) {
      const found = find(text, piece, at);
      if (found === -1 || found + piece.length > end) return false;
      at = found + piece.length;
    }
    return true;
  };
}
