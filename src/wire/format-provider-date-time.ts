/** What the provider's serializer emits for a UTC datetime: six fraction digits, or none when zero. */
export const PROVIDER_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{6})?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Formats a UTC instant as the provider does (`2024-05-01T12:34:56.789000Z`, or
 * `2024-05-01T12:34:56Z` when the microseconds are zero).
 * @param epochSeconds whole seconds since 1970-01-01T00:00:00Z
 * @param microseconds 0 to 999,999
 */
export function formatProviderDateTime(epochSeconds: number, microseconds: number): string {
  const base = new Date(epochSeconds * 1000).toISOString().slice(0, 19);
  return microseconds === 0 ? `${base}Z` : `${base}.${String(microseconds).padStart(6, '0')}Z`;
}
