/** Where the page keeps the admin token for this tab (never in the URL, gone with the tab). */
const TOKEN_KEY = 'audit-events-mock.admin-token';

/** An answer of the admin API that was not a success: its status and its `detail`. */
export class AdminError extends Error {
  /**
   * @param {number} status 0 when the mock could not be reached
   * @param {unknown} detail the `detail` of the answer, or a message
   */
  constructor(status, detail) {
    super(typeof detail === 'string' ? detail : `The admin API answered ${status}.`);
    this.name = 'AdminError';
    this.status = status;
    this.detail = detail;
  }
}

/**
 * @typedef {object} CallOptions
 * @property {string | null} [session] sent as `X-Mock-Session`; `null` or absent: the global state
 * @property {unknown} [body] sent as JSON
 */

/**
 * @typedef {object} AdminClient
 * @property {(method: string, path: string, options?: CallOptions) => Promise<unknown>} call
 *   calls `/__mock/<path>`; resolves with the parsed JSON (`null` for an empty answer), rejects
 *   with an {@link AdminError}
 * @property {(session?: string | null) => Record<string, string>} headers the headers of a call
 * @property {(token: string) => void} useToken
 * @property {() => boolean} hasToken
 */

/**
 * The admin API as the page calls it: relative to the page (so it works under any mount path),
 * with the token of this tab when there is one. A 401 calls `onUnauthorized`, so the page can ask
 * for the token.
 * @param {{ onUnauthorized: () => void }} hooks
 * @returns {AdminClient}
 */
export function createAdminClient({ onUnauthorized }) {
  let token = sessionStorage.getItem(TOKEN_KEY);
  /** @param {string | null | undefined} session */
  const headers = (session) => {
    /** @type {Record<string, string>} */
    const out = {};
    if (token) out['x-mock-admin-token'] = token;
    if (session) out['x-mock-session'] = session;
    return out;
  };
  return {
    headers,
    hasToken: () => Boolean(token),
    useToken(value) {
      token = value;
      sessionStorage.setItem(TOKEN_KEY, value);
    },
    async call(method, path, options = {}) {
      /** @type {RequestInit} */
      const init = { method, headers: headers(options.session), cache: 'no-store' };
      if (options.body !== undefined) {
        init.body = JSON.stringify(options.body);
        init.headers = { ...headers(options.session), 'content-type': 'application/json' };
      }
      let res;
      try {
        res = await fetch(path, init);
      } catch {
        throw new AdminError(0, 'The mock does not answer: is it still running?');
      }
      const text = await res.text();
      /** @type {unknown} */
      let body = null;
      try {
        body = text === '' ? null : JSON.parse(text);
      } catch {
        body = text;
      }
      if (res.status === 401) onUnauthorized();
      if (!res.ok) {
        const detail =
          typeof body === 'object' && body !== null && 'detail' in body ? body.detail : text;
        throw new AdminError(res.status, detail);
      }
      return body;
    },
  };
}
