import type { Contract } from '../contract/compile-contract.js';
import { isForcedFailure } from '../core/forced-status.js';
import { forcedAnswer } from '../engine/forced-answer.js';
import type { RecordedInteraction } from '../state/interaction-log.js';
import type { ProviderState } from './provider-states.js';
import { stateForStatus, stateOfKind } from './provider-states.js';

/** The body as JSON when it is JSON, else as text; `undefined` when none was kept. */
export function bodyValue(interaction: RecordedInteraction): unknown {
  const { body } = interaction;
  if (body === undefined || body.length === 0) return undefined;
  const text = body.toString('utf8');
  if (!interaction.responseHeaders['content-type']?.startsWith('application/json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Whether the body is exactly what the mock answers for that status and id without being told. */
function standardBody(interaction: RecordedInteraction, eventId: string, contract: Contract) {
  const { status, body } = interaction;
  return body !== undefined && isForcedFailure(status)
    ? forcedAnswer(status, eventId, contract).body.equals(body)
    : false;
}

/**
 * The provider states an interaction needs, named after how its outcome arises at the provider:
 * "audit event evt_1 exists" (with the event the consumer saw as `params.event`), "no audit event
 * evt_x", "the token is expired", "the provider is unavailable"... Params always carry `event_id`,
 * and the body when it is not the provider's usual one, so the state can be set up exactly. An
 * outcome the request alone produces (no credentials, an unknown path, a preflight) needs none.
 */
export function interactionStates(
  interaction: RecordedInteraction,
  contract: Contract,
): ProviderState[] {
  const { eventId, status, source, credential } = interaction;
  if (eventId === null) return [];
  if (source === 'auth') {
    if (credential === 'expired-token')
      return [{ name: stateOfKind('token-expired').name(eventId) }];
    if (credential === 'rejected')
      return [{ name: stateOfKind('credentials-invalid').name(eventId) }];
    return [];
  }
  const template = stateForStatus(status);
  const body = bodyValue(interaction);
  if (template.kind === 'event-exists')
    return [
      {
        name: template.name(eventId),
        params: body === undefined ? { event_id: eventId } : { event_id: eventId, event: body },
      },
    ];
  const params: Record<string, unknown> = { event_id: eventId };
  if (template.kind === 'other-status') params['status'] = status;
  if (body !== undefined && !standardBody(interaction, eventId, contract)) params['body'] = body;
  return [{ name: template.name(eventId), params }];
}
