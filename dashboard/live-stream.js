/**
 * @typedef {'connecting' | 'live' | 'reconnecting' | 'unauthorized' | 'closed'} StreamState
 */

/**
 * @typedef {object} StreamOptions
 * @property {string} url relative to the page
 * @property {() => Record<string, string>} headers read at each (re)connection
 * @property {(type: string, data: string) => void} onEvent one server-sent event
 * @property {(state: StreamState, detail?: string) => void} onState
 */

/**
 * Splits server-sent-events text into events; returns the text after the last complete one.
 * @param {string} text
 * @param {(type: string, data: string) => void} onEvent
 * @param {(ms: number) => void} onRetry
 */
function parseEvents(text, onEvent, onRetry) {
  const blocks = text.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let type = 'message';
    /** @type {string[]} */
    const data = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const name = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (name === 'event') type = value;
      else if (name === 'data') data.push(value);
      else if (name === 'retry' && /^\d+$/.test(value)) onRetry(Number(value));
    }
    if (data.length > 0) onEvent(type, data.join('\n'));
  }
  return rest;
}

/**
 * Server-sent events read with `fetch`, which (unlike `EventSource`) can send the admin token
 * header. Reconnects after the server's `retry` delay when the stream ends or fails; stops on a
 * 401 (the page asks for the token, then calls `open` again).
 * @param {StreamOptions} options
 */
export function createLiveStream(options) {
  /** @type {AbortController | undefined} */
  let controller;
  let retryMs = 2000;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  /** @param {AbortSignal} signal */
  async function run(signal) {
    options.onState('connecting');
    const res = await fetch(options.url, {
      headers: { ...options.headers(), accept: 'text/event-stream' },
      cache: 'no-store',
      signal,
    });
    if (res.status === 401) {
      options.onState('unauthorized');
      return false;
    }
    if (!res.ok || res.body === null) {
      options.onState('reconnecting', `the stream answered ${res.status}`);
      return true;
    }
    options.onState('live');
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered = parseEvents(buffered + value, options.onEvent, (ms) => (retryMs = ms));
    }
    options.onState('reconnecting', 'the stream ended');
    return true;
  }

  function open() {
    close();
    const current = new AbortController();
    controller = current;
    run(current.signal).then(
      (again) => {
        if (again && !current.signal.aborted) timer = setTimeout(open, retryMs);
      },
      () => {
        if (current.signal.aborted) return;
        options.onState('reconnecting', 'the mock does not answer');
        timer = setTimeout(open, retryMs);
      },
    );
  }

  function close() {
    clearTimeout(timer);
    controller?.abort();
    controller = undefined;
  }

  return { open, close };
}
