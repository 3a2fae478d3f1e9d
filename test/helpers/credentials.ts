/** An `Authorization` value the mock accepts (any bearer token but `expired` and `invalid`). */
export const AUTH = 'Bearer any-token';
/** The headers of an authenticated request. */
export const AUTH_HEADERS = { authorization: AUTH } as const;
