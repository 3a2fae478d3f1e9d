import { field, h, replace } from './dom.js';

/**
 * The admin token prompt of a mock started with `--admin-token`: a modal dialog the page opens
 * when the admin API answers 401. The token stays in this tab (sessionStorage).
 * @param {{ onToken: (token: string) => void }} hooks
 */
export function createTokenPrompt({ onToken }) {
  const input = h('input', {
    id: 'token-input',
    type: 'password',
    autocomplete: 'off',
    required: true,
  });
  const message = h('p', { id: 'token-message', role: 'alert' });
  const dialog = h(
    'dialog',
    { id: 'token-dialog', 'aria-labelledby': 'token-title' },
    h(
      'form',
      {
        onsubmit: (event) => {
          event.preventDefault();
          const token = input.value.trim();
          if (token === '') return;
          dialog.close();
          input.value = '';
          onToken(token);
        },
      },
      h('h2', { id: 'token-title' }, 'Admin token'),
      message,
      field(
        'Token',
        input,
        'The one given to the mock with --admin-token (or MOCK_ADMIN_TOKEN). It is kept in this tab only.',
      ),
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'submit', class: 'primary' }, 'Use this token'),
      ),
    ),
  );
  const banner = h(
    'p',
    { class: 'banner', hidden: true, id: 'token-banner' },
    'This mock’s admin API needs its token. ',
    h(
      'button',
      { type: 'button', onclick: () => ask(message.textContent ?? '') },
      'Enter the token',
    ),
  );
  document.body.append(dialog);

  /** @param {string} why */
  function ask(why) {
    replace(message, why);
    banner.hidden = false;
    if (!dialog.open) dialog.showModal();
    input.focus();
  }

  return {
    ask,
    banner,
    /** The token was accepted: no more banner. */
    accepted() {
      banner.hidden = true;
    },
  };
}
