/** How far past its live data V8 may grow the old generation before a full collection. */
export const HEAP_GROWING_PERCENT = 50;

const SET_BY_USER = /^--heap[-_]growing[-_]percent(=|$)/;

/**
 * The V8 flags a long-running server process sets on itself, unless the user set them in the
 * node command line or `NODE_OPTIONS`. Under steady load V8 lets a busy heap grow to about four
 * times its live data before collecting it, so resident memory wanders by tens of MB with no
 * growth in what is live; capping that growth at 50% keeps it flat, for a few more short full
 * collections.
 */
export function heapFlags(execArgv: readonly string[], nodeOptions: string | undefined): string[] {
  const given = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)];
  return given.some((arg) => SET_BY_USER.test(arg))
    ? []
    : [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`];
}
