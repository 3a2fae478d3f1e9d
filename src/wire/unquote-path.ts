const HEX = /^[0-9A-Fa-f]{2}$/;
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * Percent-decodes a URL path leniently, exactly as the provider's server does (Python's
 * `urllib.parse.unquote`): an escape that is not hex (`%zz`, a lone `%`) stays as written, and
 * complete escapes that form invalid UTF-8 become U+FFFD. Never throws.
 */
export function unquotePath(raw: string): string {
  if (!raw.includes('%')) return raw;
  let out = '';
  let bytes: number[] = [];
  const flush = () => {
    if (bytes.length > 0) out += decoder.decode(Uint8Array.from(bytes));
    bytes = [];
  };
  for (let index = 0; index < raw.length; index += 1) {
    const code = raw.charCodeAt(index);
    if (code > 0x7f) {
      flush();
      out += raw.charAt(index);
    } else if (code === 0x25 && HEX.test(raw.slice(index + 1, index + 3))) {
      bytes.push(parseInt(raw.slice(index + 1, index + 3), 16));
      index += 2;
    } else {
      bytes.push(code);
    }
  }
  flush();
  return out;
}
