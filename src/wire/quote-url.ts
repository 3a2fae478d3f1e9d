// Python's `quote(url, safe=":/%#?=@[]!$&'()*+,;")` as Starlette applies it to a redirect location.
const SAFE = /[A-Za-z0-9_.\-~:/%#?=@[\]!$&'()*+,;]/;
const encoder = new TextEncoder();

/** Percent-encodes what Starlette's `RedirectResponse` encodes in a `location` header. */
export function quoteUrl(url: string): string {
  let out = '';
  for (const char of url) {
    if (SAFE.test(char)) {
      out += char;
      continue;
    }
    for (const byte of encoder.encode(char))
      out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
