import { watch } from 'node:fs';
import type { Engine } from '../engine/engine.js';
import { FixtureLoadError } from '../fixture-files/fixture-problem.js';

/** How long to wait after the last change before reloading, so a burst of writes reloads once. */
const SETTLE_MS = 150;

/**
 * Reloads the fixtures folder when a file in it changes. A broken or half-written file is reported
 * and the last good set keeps serving; nothing is lost. Returns a function that stops watching.
 */
export function watchFixtures(engine: Engine, onReload?: (ok: boolean) => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const reload = () => {
    try {
      const files = engine.reloadFixtures();
      engine.logger.info?.('fixtures reloaded', {
        fixtures: files.events.size + files.responses.size,
      });
      onReload?.(true);
    } catch (error) {
      const problems = error instanceof FixtureLoadError ? error.message : String(error);
      engine.logger.error('fixture reload failed; still serving the last good set', {
        problems,
      });
      onReload?.(false);
    }
  };
  const watchers = engine.options.fixtures.map((folder) =>
    watch(folder, { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(reload, SETTLE_MS);
    }),
  );
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
