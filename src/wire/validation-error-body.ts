const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_CHARACTERS = /[^0-9a-fA-F-]/;

/**
 * A 422 body in FastAPI's pydantic-v2 form about this request's `event_id`: keys in the order
 * `type, loc, msg, input, ctx`, as if the provider validated the id as a UUID (v7 for UUID input).
 */
export function validationErrorBody(
  pathParameter: string,
  eventId: string,
): { detail: Record<string, unknown>[] } {
  const loc = ['path', pathParameter];
  if (UUID.test(eventId)) {
    return {
      detail: [
        {
          type: 'uuid_version',
          loc,
          msg: 'UUID version 7 expected',
          input: eventId,
          ctx: { expected_version: 7 },
        },
      ],
    };
  }
  const bad = UUID_CHARACTERS.exec(eventId);
  const error = bad
    ? `invalid character: found \`${bad[0]}\` at ${bad.index + 1}`
    : `invalid length: expected length 32 for simple format, found ${eventId.length}`;
  return {
    detail: [
      {
        type: 'uuid_parsing',
        loc,
        msg: `Input should be a valid UUID, ${error}`,
        input: eventId,
        ctx: { error },
      },
    ],
  };
}
