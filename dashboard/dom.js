/**
 * @typedef {string | number | boolean | null | undefined | ((event: Event) => void)} PropValue
 * @typedef {Record<string, PropValue>} Props
 * @typedef {Node | string | number | null | undefined | false} Child
 * @typedef {Child | readonly unknown[]} Children a child, or arrays of them nested to any depth
 */

/**
 * Makes an element: `h('button', { type: 'button', onclick: go }, 'Go')`. Props starting with
 * `on` are listeners; `class`, `for`, `aria-*`, `data-*` and the rest are attributes (`true` sets
 * an empty one, `false`, `null` and `undefined` leave it out). Children that are `null`,
 * `undefined` or `false` are skipped, so conditions read inline.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Props} [props]
 * @param {...Children} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined)
      element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

/**
 * Appends children (nested arrays flattened, empty ones skipped).
 * @param {Element} parent
 * @param {readonly unknown[]} children
 */
export function append(parent, children) {
  for (const child of children) {
    if (Array.isArray(child)) append(parent, child);
    else if (child === null || child === undefined || child === false) continue;
    else if (typeof child === 'number') parent.append(String(child));
    else if (typeof child === 'string' || child instanceof Node) parent.append(child);
    else
      throw new TypeError(`Cannot show ${String(child)} in the page: not a node, text or number.`);
  }
}

/**
 * Replaces everything inside `parent`.
 * @param {Element} parent
 * @param {...Children} children
 */
export function replace(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
}

/**
 * The element with this id; throws when the page lacks it (a broken page, not a user error).
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new () => T} type
 * @returns {T}
 */
export function byId(id, type) {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`The page has no ${type.name} #${id}.`);
  return element;
}

/**
 * A labelled control: `<label for=id>text</label>` then the control, in a `.field` wrapper.
 * @param {string} text
 * @param {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} control needs an `id`
 * @param {string} [hint] shown under the control and read as its description
 */
export function field(text, control, hint) {
  const hintId = hint ? `${control.id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: control.id }, text),
    control,
    hint ? h('small', { id: hintId, class: 'hint' }, hint) : null,
  );
}

/**
 * A `<select>` of `options` (`[value, label]` pairs), with `selected` chosen.
 * @param {Props} props
 * @param {readonly (readonly [string, string])[]} options
 * @param {string} [selected]
 */
export function select(props, options, selected) {
  return h(
    'select',
    props,
    options.map(([value, label]) => h('option', { value, selected: value === selected }, label)),
  );
}
