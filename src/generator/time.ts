import { formatProviderDateTime } from '../wire/format-provider-date-time.js';

/** The world ends at this instant (fixed, so output never depends on "now"). */
export const REFERENCE_DATE = '2026-06-30T00:00:00Z';

// Instants in the world are whole microseconds since 1970 (the provider's precision).
export const MS = 1_000;
export const SECOND = 1_000_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The world's span: the 90 days before {@link REFERENCE_DATE}. */
export const WORLD_DAYS = 90;
export const WORLD_END = Date.parse(REFERENCE_DATE) * MS;
export const WORLD_START = WORLD_END - WORLD_DAYS * DAY;

/** `created_at` as the provider writes it. */
export function formatInstant(at: number): string {
  const micros = at % SECOND;
  return formatProviderDateTime((at - micros) / SECOND, micros);
}

/** The start of day `day` (0 = the world's first day, a UTC midnight). */
export function dayStart(day: number): number {
  return WORLD_START + day * DAY;
}

/** Saturday or Sunday (UTC). */
export function isWeekend(day: number): boolean {
  const weekday = new Date(dayStart(day) / MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}
