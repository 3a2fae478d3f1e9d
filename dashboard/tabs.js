/**
 * Wires an ARIA tab list: a click or Enter/Space selects a tab; ←/→ (and Home/End) move between
 * tabs and select them; the panel of the selected tab is the only one shown; the URL's `#name`
 * remembers it. Tabs are `[role=tab]` buttons with `aria-controls` naming their panel.
 * @param {HTMLElement} list the `[role=tablist]` element
 * @param {(name: string) => void} onSelect called with the tab's name (its panel id without `panel-`)
 */
export function wireTabs(list, onSelect) {
  const tabs = [...list.querySelectorAll('[role="tab"]')].filter(
    (tab) => tab instanceof HTMLElement,
  );
  const nameOf = (/** @type {HTMLElement} */ tab) =>
    (tab.getAttribute('aria-controls') ?? '').replace(/^panel-/, '');

  /** @param {HTMLElement} chosen @param {boolean} focus */
  function select(chosen, focus) {
    for (const tab of tabs) {
      const selected = tab === chosen;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      const panel = document.getElementById(tab.getAttribute('aria-controls') ?? '');
      if (panel) panel.hidden = !selected;
    }
    if (focus) chosen.focus();
    const name = nameOf(chosen);
    if (location.hash !== `#${name}`) history.replaceState(null, '', `#${name}`);
    onSelect(name);
  }

  for (const tab of tabs) {
    tab.addEventListener('click', () => select(tab, false));
    tab.addEventListener('keydown', (event) => {
      const at = tabs.indexOf(tab);
      const to =
        event.key === 'ArrowRight'
          ? tabs[(at + 1) % tabs.length]
          : event.key === 'ArrowLeft'
            ? tabs[(at - 1 + tabs.length) % tabs.length]
            : event.key === 'Home'
              ? tabs[0]
              : event.key === 'End'
                ? tabs[tabs.length - 1]
                : undefined;
      if (to) {
        event.preventDefault();
        select(to, true);
      }
    });
  }
  const fromHash = tabs.find((tab) => `#${nameOf(tab)}` === location.hash);
  const first = fromHash ?? tabs[0];
  if (first) select(first, false);
  return {
    /** @param {string} name */
    show(name) {
      const tab = tabs.find((candidate) => nameOf(candidate) === name);
      if (tab) select(tab, true);
    },
  };
}
