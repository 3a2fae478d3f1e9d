/** The statuses a consumer can force with `Prefer: code=<status>` or `?__code=<status>`. */
export const FORCED_STATUSES = [200, 401, 403, 404, 422, 429, 500, 502, 503, 504] as const;
export type ForcedStatus = (typeof FORCED_STATUSES)[number];

export function isForcedStatus(value: number): value is ForcedStatus {
  return (FORCED_STATUSES as readonly number[]).includes(value);
}

/** A forced status that is not a success: the ones answered with the provider's error bodies. */
export function isForcedFailure(value: number): value is Exclude<ForcedStatus, 200> {
  return value !== 200 && isForcedStatus(value);
}
