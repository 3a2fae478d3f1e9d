import type { Rule } from './rule.js';
import { perChain, perEvent } from './rule.js';

const BEFORE_LOGIN = new Set(['auth.login_failed', 'auth.mfa_challenge_failed']);

export const sessionOnlyWhenLoggedIn: Rule = perEvent(
  'session-only-when-logged-in',
  'session_id is set only for users on web or cli and never on a 401 or a failed login; every other ' +
    'user event on web or cli has one. Exception: an invited person creates their account just ' +
    'before their first login, so `user.created` by the new user has no session yet.',
  (event) => {
    const loggedInClient =
      event.actor_type === 'user' && (event.source === 'web' || event.source === 'cli');
    if (event.session_id !== null && !loggedInClient)
      return `a session on a ${event.actor_type} on ${event.source}`;
    if (!loggedInClient) return undefined;
    const signUp = event.event_type === 'user.created' && event.actor_id === event.resource_id;
    const outside = event.http_status === 401 || signUp || BEFORE_LOGIN.has(event.event_type);
    if (outside) return event.session_id === null ? null : 'a session before or without a login';
    return event.session_id === null ? 'a logged-in action without a session' : null;
  },
);

export const sessionChainInOrder: Rule = perChain(
  'session-chain-in-order',
  'A session belongs to one user on one client (address and user agent); it starts with ' +
    '`auth.login_succeeded` and, when it has a `auth.logout`, that is its last event.',
  (event) => event.session_id,
  (chain) => {
    const first = chain[0];
    if (!first) return null;
    if (first.event_type !== 'auth.login_succeeded') return `starts with ${first.event_type}`;
    const logout = chain.findIndex((event) => event.event_type === 'auth.logout');
    if (logout !== -1 && logout !== chain.length - 1)
      return `${chain[logout + 1]?.event_type} after the logout`;
    const others = chain.filter(
      (event) =>
        event.user_id !== first.user_id ||
        event.ip_address !== first.ip_address ||
        event.user_agent !== first.user_agent,
    );
    return others.length === 0 ? null : `${others.length} events from another user or client`;
  },
);
