import { formatProviderDateTime } from '../wire/format-provider-date-time.js';
import type { Random } from './random.js';

/** Generated events fall in the 90 days before this instant (fixed, so output never depends on "now"). */
export const REFERENCE_DATE = '2026-06-30T00:00:00Z';
const REFERENCE_SECONDS = Date.parse(REFERENCE_DATE) / 1000;
const DAY = 86_400;

/**
 * A `created_at` in the provider's format within the 90 days before {@link REFERENCE_DATE}; people
 * act mostly on weekdays in business hours, the platform around the clock.
 */
export function createdAt(random: Random, businessHours: boolean): string {
  let dayStart = REFERENCE_SECONDS - random.int(1, 90) * DAY;
  const weekday = (seconds: number) => new Date(seconds * 1000).getUTCDay();
  if (businessHours && random.chance(0.9)) {
    while (weekday(dayStart) === 0 || weekday(dayStart) === 6) dayStart -= DAY;
  }
  const hour = businessHours && random.chance(0.85) ? random.int(8, 18) : random.int(0, 23);
  const seconds = dayStart + hour * 3600 + random.int(0, 3599);
  return formatProviderDateTime(seconds, random.int(0, 999_999));
}
