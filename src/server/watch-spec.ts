import { watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Engine } from '../engine/engine.js';

/** How long to wait after the last change before reloading, so a burst of writes reloads once. */
const SETTLE_MS = 150;

/**
 * Reads the spec file again when it changes and rebuilds what follows from it (validators,
 * generator, fixtures, `/openapi.json` and the docs pages). A broken edit is reported and the last
 * good spec keeps serving. The folder is watched, not the file, so an editor that saves by
 * replacing the file is followed too. Returns a function that stops watching.
 */
export function watchSpec(engine: Engine, onReload?: (ok: boolean) => void): () => void {
  const file = engine.options.spec;
  let timer: NodeJS.Timeout | undefined;
  const reload = () => {
    try {
      engine.reloadSpec();
      engine.logger.info?.('spec reloaded', { spec: file });
      onReload?.(true);
    } catch (error) {
      engine.logger.error('spec reload failed; still serving the last good spec', {
        spec: file,
        problems: error instanceof Error ? error.message : String(error),
      });
      onReload?.(false);
    }
  };
  const watcher = watch(dirname(file), (_event, name) => {
    if (name !== null && name !== basename(file)) return;
    clearTimeout(timer);
    timer = setTimeout(reload, SETTLE_MS);
  });
  // A folder that goes away ends the watch; the served spec stays.
  watcher.on('error', (error) =>
    engine.logger.error('stopped watching the spec', { spec: file, error: error.message }),
  );
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
