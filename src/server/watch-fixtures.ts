import type { FSWatcher } from 'node:fs';
import { statSync, watch } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../engine/engine.js';
import { EVENTS_FOLDER, RESPONSES_FOLDER } from '../fixture-files/fixture-folder.js';
import { FixtureLoadError } from '../fixture-files/fixture-problem.js';

/** How long to wait after the last change before reloading, so a burst of writes reloads once. */
const SETTLE_MS = 150;
/** How often each folder itself is checked: still there, still the same folder. */
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

/** One watched fixtures folder: its watchers, and whether it is gone. */
interface WatchedRoot {
  readonly root: string;
  watchers: FSWatcher[];
  identity: string | undefined;
  gone: boolean;
}

/**
 * Reloads the fixture folders when a file in one of them changes, reading again only the files
 * named by the change. A broken or half-written file is reported and the last good set keeps
 * serving; nothing is lost. A folder deleted, renamed or replaced (a `git checkout` can do all
 * three) is said once in the log; the last good set keeps serving, and the folder is watched again
 * once it is back. Returns a function that stops watching.
 */
export function watchFixtures(engine: Engine): () => void {
  const log = engine.logger;
  const roots: WatchedRoot[] = engine.options.fixtures.map((root) => ({
    root,
    watchers: [],
    identity: identityOf(root),
    gone: false,
  }));
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  /** Files changed since the last reload, per folder; `undefined`: look at every file. */
  let changed: Map<string, Set<string>> | undefined = new Map();
  let reloading: Promise<void> | undefined;
  /** Whether a change arrived since the running reload started (it then reloads again). */
  let changedMeanwhile = false;

  const schedule = (root: string, file: string | undefined) => {
    changedMeanwhile = true;
    if (file === undefined) changed = undefined;
    else if (changed) {
      const files = changed.get(root) ?? new Set<string>();
      files.add(file);
      changed.set(root, files);
    }
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), SETTLE_MS);
  };

  const watchOne = (watched: WatchedRoot, folder: string, prefix: string | undefined) => {
    try {
      const watcher = watch(folder, (_event, name) => {
        if (prefix !== undefined && name !== null) schedule(watched.root, `${prefix}/${name}`);
        else if (name === EVENTS_FOLDER || name === RESPONSES_FOLDER) arm(watched);
        else schedule(watched.root, undefined);
      });
      // A watched folder that goes away is seen by the check below; the error changes nothing.
      watcher.on('error', () => check(watched));
      watched.watchers.push(watcher);
    } catch {
      // The subfolder does not exist (yet): the root's watcher sees it appear.
    }
  };

  const unwatch = (watched: WatchedRoot) => {
    for (const watcher of watched.watchers) watcher.close();
    watched.watchers = [];
  };

  /** (Re)watches a folder and its two subfolders, then reads every file again. */
  function arm(watched: WatchedRoot): void {
    unwatch(watched);
    if (closed) return;
    const { root } = watched;
    watched.identity = identityOf(root);
    watchOne(watched, root, undefined);
    watchOne(watched, join(root, EVENTS_FOLDER), EVENTS_FOLDER);
    watchOne(watched, join(root, RESPONSES_FOLDER), RESPONSES_FOLDER);
    schedule(root, undefined);
  }

  async function reload(): Promise<void> {
    if (closed || roots.some((watched) => watched.gone)) return;
    if (reloading) {
      // One reload at a time; what changed meanwhile is read right after.
      await reloading;
      return reload();
    }
    const files = changed;
    changed = new Map();
    changedMeanwhile = false;
    reloading = engine
      .reloadFixtures(files)
      .then((set) => {
        log.info?.('fixtures reloaded', { fixtures: set.events.size + set.responses.size });
      })
      .catch((error: unknown) => {
        // A folder went away while it was read: that is said once, by the check.
        const vanished = roots.filter((watched) => identityOf(watched.root) === undefined);
        if (vanished.length > 0) {
          for (const watched of vanished) check(watched);
          return;
        }
        // Files changed while they were read (a checkout rewriting the folder): the reload that
        // is already scheduled reads them again, and says what is still wrong then.
        if (changedMeanwhile && error instanceof FixtureLoadError) return;
        const problems = error instanceof FixtureLoadError ? error.message : String(error);
        log.error('fixture reload failed; still serving the last good set', { problems });
      })
      .finally(() => (reloading = undefined));
    await reloading;
  }

  /** Notices a folder that went away (said once), came back, or was replaced by another. */
  function check(watched: WatchedRoot): void {
    if (closed) return;
    const { root } = watched;
    const now = identityOf(root);
    if (now === undefined) {
      if (watched.gone) return;
      watched.gone = true;
      unwatch(watched);
      const fixtures = engine.files.events.size + engine.files.responses.size;
      log.error(
        'fixtures folder is gone (deleted or renamed); still serving the last good set, and watching for the folder to come back',
        { folder: root, fixtures },
      );
    } else if (watched.gone || now !== watched.identity) {
      if (watched.gone) log.info?.('fixtures folder is back; reloading it', { folder: root });
      watched.gone = false;
      arm(watched);
    }
  }

  const checking = setInterval(() => roots.forEach(check), CHECK_EVERY_MS).unref();
  roots.forEach(arm);
  changed = new Map();
  clearTimeout(timer);
  return () => {
    closed = true;
    clearTimeout(timer);
    clearInterval(checking);
    roots.forEach(unwatch);
  };
}
