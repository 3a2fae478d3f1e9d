/**
 * `14:03:07.251`, in the browser's time zone.
 * @param {string} iso
 */
export function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (/** @type {number} */ n, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/**
 * A body as people read it: JSON indented, anything else as it came.
 * @param {string} text
 */
export function prettyBody(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * Any value as indented JSON.
 * @param {unknown} value
 */
export function prettyJson(value) {
  return JSON.stringify(value, null, 2);
}

/**
 * @typedef {object} Problem
 * @property {string} where e.g. `body.event_payload` (empty for the whole body)
 * @property {string} message
 * @property {string} rule the schema keyword (or mock rule) that failed
 */

/**
 * The problems in a `{"detail": ...}` of the admin API: the provider's validation items
 * (`{type, loc, msg}`), or one message.
 * @param {unknown} detail
 * @returns {Problem[]}
 */
export function problemsOf(detail) {
  if (!Array.isArray(detail)) return [{ where: '', message: String(detail), rule: '' }];
  return detail.map((item) => {
    if (typeof item !== 'object' || item === null)
      return { where: '', message: String(item), rule: '' };
    const loc = 'loc' in item && Array.isArray(item.loc) ? item.loc.map(String) : [];
    return {
      where: loc.join('.'),
      message: 'msg' in item ? String(item.msg) : JSON.stringify(item),
      rule: 'type' in item ? String(item.type) : '',
    };
  });
}

/**
 * `3 h 04 min`, `2 min 05 s`, `42 s`.
 * @param {number} seconds
 */
export function formatDuration(seconds) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(s).padStart(2, '0')} s`;
  return `${s} s`;
}

/**
 * The class that colours a status: `status-2xx` … `status-5xx`.
 * @param {number} status
 */
export function statusClass(status) {
  return `status-${Math.floor(status / 100)}xx`;
}
