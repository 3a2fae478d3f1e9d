/** How far past its live data V8 may grow the old generation before a full collection. */
export const HEAP_GROWING_PERCENT = 50;

const SET_BY_USER = /^--heap[-_]growing[-_]percent(=|$)/;

/**
 * The V8 flags a long-running server process sets on itself, unless the node command line sets
 * them (`node --heap-growing-percent=0 dist/cli.cjs` keeps V8's default; Node does not take this
 * flag from `NODE_OPTIONS`). Under steady load V8 lets a busy heap grow to about four times its
 * live data before collecting it, so resident memory wanders by tens of MB with no growth in what
 * is live; capping that growth at 50% keeps it flat, for a few more short full collections.
 */
export function heapFlags(execArgv: readonly string[]): string[] {
  return execArgv.some((arg) => SET_BY_USER.test(arg))
    ? []
    : [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`];
}
