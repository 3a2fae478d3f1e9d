import type { FSWatcher } from 'node:fs';
import { statSync, watch } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../engine/engine.js';
import { EVENTS_FOLDER, RESPONSES_FOLDER } from '../fixture-files/fixture-folder.js';
import { FixtureLoadError } from '../fixture-files/fixture-problem.js';

/** How long to wait after the last change before reloading, so a burst of writes reloads once. */
const SETTLE_MS = 150;
/** How often the folder itself is checked: still there, still the same folder. */
const CHECK_EVERY_MS = 500;

/** The folder's identity (device and inode), or `undefined` when it is not a folder now. */
function identityOf(path: string): string | undefined {
  try {
    const stats = statSync(path);
    return stats.isDirectory() ? `${stats.dev}:${stats.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reloads the fixtures folder when a file in it changes, reading again only the files named by
 * the change. A broken or half-written file is reported and the last good set keeps serving;
 * nothing is lost. A folder deleted, renamed or replaced (a `git checkout` can do all three) is
 * said once in the log; the last good set keeps serving, and the folder is watched again once it
 * is back. Returns a function that stops watching.
 */
export function watchFixtures(engine: Engine): () => void {
  const root = engine.options.fixtures;
  const log = engine.logger;
  let watchers: FSWatcher[] = [];
  let identity = identityOf(root);
  let gone = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  /** Files changed since the last reload (`events/a.json`); `undefined`: look at every file. */
  let changed: Set<string> | undefined = new Set();
  let reloading: Promise<void> | undefined;

  const schedule = (file: string | undefined) => {
    if (file === undefined) changed = undefined;
    else changed?.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), SETTLE_MS);
  };

  const watchOne = (folder: string, prefix: string | undefined) => {
    try {
      const watcher = watch(folder, (_event, name) => {
        if (prefix !== undefined && name !== null) schedule(`${prefix}/${name}`);
        else if (name === EVENTS_FOLDER || name === RESPONSES_FOLDER) arm();
        else schedule(undefined);
      });
      // A watched folder that goes away is seen by the check below; the error changes nothing.
      watcher.on('error', () => check());
      watchers.push(watcher);
    } catch {
      // The subfolder does not exist (yet): the root's watcher sees it appear.
    }
  };

  /** (Re)watches the folder and its two subfolders, then reads every file again. */
  function arm(): void {
    for (const watcher of watchers) watcher.close();
    watchers = [];
    if (closed) return;
    identity = identityOf(root);
    watchOne(root, undefined);
    watchOne(join(root, EVENTS_FOLDER), EVENTS_FOLDER);
    watchOne(join(root, RESPONSES_FOLDER), RESPONSES_FOLDER);
    schedule(undefined);
  }

  async function reload(): Promise<void> {
    if (closed || gone) return;
    if (reloading) {
      // One reload at a time; what changed meanwhile is read right after.
      await reloading;
      return reload();
    }
    const files = changed;
    changed = new Set();
    reloading = engine
      .reloadFixtures(files)
      .then((set) => {
        log.info?.('fixtures reloaded', { fixtures: set.events.size + set.responses.size });
      })
      .catch((error: unknown) => {
        // The folder went away while it was read: that is said once, by the check.
        if (identityOf(root) === undefined) {
          check();
          return;
        }
        const problems = error instanceof FixtureLoadError ? error.message : String(error);
        log.error('fixture reload failed; still serving the last good set', { problems });
      })
      .finally(() => (reloading = undefined));
    await reloading;
  }

  /** Notices a folder that went away (said once), came back, or was replaced by another. */
  function check(): void {
    if (closed) return;
    const now = identityOf(root);
    if (now === undefined) {
      if (gone) return;
      gone = true;
      for (const watcher of watchers) watcher.close();
      watchers = [];
      const fixtures = engine.files.events.size + engine.files.responses.size;
      log.error(
        'fixtures folder is gone (deleted or renamed); still serving the last good set, and watching for the folder to come back',
        { folder: root, fixtures },
      );
    } else if (gone || now !== identity) {
      if (gone) log.info?.('fixtures folder is back; reloading it', { folder: root });
      gone = false;
      arm();
    }
  }

  const checking = setInterval(check, CHECK_EVERY_MS).unref();
  arm();
  changed = new Set();
  clearTimeout(timer);
  return () => {
    closed = true;
    clearTimeout(timer);
    clearInterval(checking);
    for (const watcher of watchers) watcher.close();
  };
}
