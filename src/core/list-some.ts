/** How many items an error message names before it says how many more there are. */
export const LISTED_ITEMS = 10;

/**
 * The first `shown` items of a list, then how many more there are: `a, b, c and 19,997 more`. An
 * error that lists ids stays small however many there are.
 */
export function listSome(items: readonly string[], shown: number = LISTED_ITEMS): string {
  if (items.length <= shown) return items.join(', ');
  return `${items.slice(0, shown).join(', ')} and ${(items.length - shown).toLocaleString('en')} more`;
}
