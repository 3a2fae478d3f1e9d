import type { Stats } from 'node:fs';
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { MAX_JSON_FILE_BYTES } from '../core/limits.js';
import type { FileRead } from '../core/read-regular-file.js';
import { readRegularFile, readRegularFileAsync } from '../core/read-regular-file.js';
import type {
  CheckedFile,
  EventFixture,
  FixtureChecker,
  FixtureKind,
} from './check-fixture-file.js';
import { checkFixtureFile } from './check-fixture-file.js';
import type { ResponseFixture } from './check-response-fixture.js';
import type { FixtureProblem } from './fixture-problem.js';
import { FixtureLoadError } from './fixture-problem.js';

/** Everything loaded from a fixtures folder; read-only once built. */
export interface FixtureSet {
  readonly events: ReadonlyMap<string, EventFixture>;
  /** Whole responses (status, headers, body, delay) pinned to ids. */
  readonly responses: ReadonlyMap<string, ResponseFixture>;
}

/** What reading a folder gave: the fixtures that passed every check, and the others' problems. */
export interface FolderRead {
  readonly fixtures: FixtureSet;
  readonly problems: readonly FixtureProblem[];
}

/** The subfolder that holds one event per `*.json` file. */
export const EVENTS_FOLDER = 'events';
/** The subfolder that holds one response fixture per `*.json` file. */
export const RESPONSES_FOLDER = 'responses';

const SUBFOLDERS: readonly (readonly [string, FixtureKind])[] = [
  [EVENTS_FOLDER, 'event'],
  [RESPONSES_FOLDER, 'response'],
];
/** Files stat'ed at once during a reload, between two turns of the event loop. */
const BATCH = 256;

/** Whether anything (a broken link included) is at `path`. */
function existsSync(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Whether anything (a broken link included) is at `path`, without blocking. */
const entryAt = (path: string): Promise<boolean> =>
  lstat(path).then(
    () => true,
    () => false,
  );

/** Whether `path` is a folder now. */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const jsonNames = (names: readonly string[]) =>
  names.filter((name) => name.endsWith('.json')).sort();

/** Changes whenever the file is replaced or written (its identity, size or times). */
const signatureOf = (stats: Stats) =>
  `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;

interface CachedFile {
  /** `undefined` when the file was not read (it is read again next time). */
  readonly signature: string | undefined;
  readonly checked: CheckedFile;
}

function checkRead(kind: FixtureKind, file: string, read: FileRead, checker: FixtureChecker) {
  if (!read.ok)
    return {
      signature: undefined,
      checked: { kind, problems: [{ file, pointer: '', message: read.message, rule: 'file' }] },
    };
  return {
    signature: signatureOf(read.stats),
    checked: checkFixtureFile(kind, file, read.text, checker),
  };
}

/**
 * A fixtures folder (`events/` and `responses/`, one fixture per `*.json` file) and what its files
 * gave when last read. {@link load} reads everything; {@link reload} reads again only files that
 * changed, without blocking, so a folder of 20,000 fixtures reloads while answers keep flowing.
 * Only regular files are ever opened: a FIFO, socket or device named `*.json` is a problem, never
 * read (it would block); so is a file that cannot be read, each as one line. The problems come
 * with what was read; the caller decides whether they stop it.
 */
export class FixtureFolder {
  readonly #files = new Map<string, CachedFile>();
  /** Every file, in load order: events first, then responses, each by name. */
  #order: string[] = [];

  constructor(
    readonly directory: string,
    readonly checker: FixtureChecker,
  ) {}

  /** Reads every file now (blocking): for start-up and `validate`. */
  load(): FolderRead {
    this.#checkFolder(isFolder(this.directory), () => this.#hasLooseJson());
    const order: string[] = [];
    for (const [folder, kind] of SUBFOLDERS) {
      const names = isFolder(join(this.directory, folder))
        ? jsonNames(readdirSync(join(this.directory, folder)))
        : [];
      for (const name of names) {
        const file = `${folder}/${name}`;
        const path = join(this.directory, file);
        let read = readRegularFile(path, MAX_JSON_FILE_BYTES);
        // Removed since it was listed: it is simply not there (a broken link is a problem). Written
        // again since the read: read once more.
        if (!read.ok && read.problem === 'missing') {
          if (!existsSync(path)) continue;
          read = readRegularFile(path, MAX_JSON_FILE_BYTES);
          if (!read.ok && read.problem === 'missing' && !existsSync(path)) continue;
        }
        order.push(file);
        this.#files.set(file, checkRead(kind, file, read, this.checker));
      }
    }
    return this.#settle(order);
  }

  /**
   * Reads again the files that changed since the last load: those named in `changed` (paths such
   * as `events/a.json`) and new ones; or, without `changed`, every file whose size, times or
   * identity moved. Yields to the event loop between batches. A folder that is not there (or holds
   * event files outside `events/`) throws a {@link FixtureLoadError}.
   */
  async reload(changed?: ReadonlySet<string>): Promise<FolderRead> {
    this.#checkFolder(isFolder(this.directory), () => this.#hasLooseJson());
    const order: string[] = [];
    const kinds = new Map<string, FixtureKind>();
    for (const [folder, kind] of SUBFOLDERS) {
      const names = await readdir(join(this.directory, folder)).then(jsonNames, () => []);
      for (const name of names) {
        order.push(`${folder}/${name}`);
        kinds.set(`${folder}/${name}`, kind);
      }
    }
    const todo = order.filter(
      (file) => changed === undefined || changed.has(file) || !this.#files.has(file),
    );
    const vanished = new Set<string>();
    for (let at = 0; at < todo.length; at += BATCH) {
      const batch = todo.slice(at, at + BATCH);
      const present = await Promise.all(
        batch.map((file) => this.#refresh(file, kinds.get(file) ?? 'event')),
      );
      batch.forEach((file, index) => present[index] === false && vanished.add(file));
      await nextTurn();
    }
    return this.#settle(order.filter((file) => !vanished.has(file)));
  }

  /** Reads the file again if it changed; `false` when it was removed since it was listed. */
  async #refresh(file: string, kind: FixtureKind): Promise<boolean> {
    const path = join(this.directory, file);
    const cached = this.#files.get(file);
    const stats = await stat(path).catch(() => undefined);
    if (cached?.signature !== undefined && stats && signatureOf(stats) === cached.signature)
      return true;
    let read = await readRegularFileAsync(path, MAX_JSON_FILE_BYTES);
    if (!read.ok && read.problem === 'missing') {
      if (!(await entryAt(path))) return false;
      // Something is there after all: a broken link, or the file written again since the read
      // (a folder deleted and recreated), which is read once more rather than called broken.
      read = await readRegularFileAsync(path, MAX_JSON_FILE_BYTES);
      if (!read.ok && read.problem === 'missing' && !(await entryAt(path))) return false;
    }
    this.#files.set(file, checkRead(kind, file, read, this.checker));
    return true;
  }

  #hasLooseJson(): boolean {
    try {
      return jsonNames(readdirSync(this.directory)).length > 0;
    } catch {
      return false;
    }
  }

  #checkFolder(exists: boolean, hasLooseJson: () => boolean): void {
    const problem = (message: string): FixtureLoadError =>
      new FixtureLoadError([{ file: this.directory, pointer: '', message, rule: 'folder' }]);
    if (!exists)
      throw problem(`is not a folder; pass --fixtures <dir> with an ${EVENTS_FOLDER}/ subfolder`);
    if (!isFolder(join(this.directory, EVENTS_FOLDER)) && hasLooseJson())
      throw problem(
        `holds *.json files but no ${EVENTS_FOLDER}/ subfolder; move event fixtures into ${EVENTS_FOLDER}/`,
      );
  }

  /** Forgets files that are gone and builds the set (ids unique across both folders). */
  #settle(order: readonly string[]): FolderRead {
    if (order.length !== this.#files.size || order.some((file) => !this.#files.has(file))) {
      const listed = new Set(order);
      for (const file of [...this.#files.keys()]) if (!listed.has(file)) this.#files.delete(file);
    }
    this.#order = [...order];
    const events = new Map<string, EventFixture>();
    const responses = new Map<string, ResponseFixture>();
    const problems: FixtureProblem[] = [];
    for (const file of this.#order) {
      const checked = this.#files.get(file)?.checked;
      if (!checked) continue;
      if (checked.problems.length > 0) problems.push(...checked.problems);
      const id = checked.fixture?.id;
      if (id === undefined) continue;
      const previous = events.get(id)?.file ?? responses.get(id)?.file;
      if (previous !== undefined) {
        problems.push({
          file,
          pointer: '/id',
          message: `"${id}" is already the id of ${previous}; ids must be unique`,
          rule: 'unique-id',
        });
        continue;
      }
      if (checked.kind === 'event') {
        if (checked.fixture) events.set(id, checked.fixture);
      } else if (checked.fixture) responses.set(id, checked.fixture);
    }
    return { fixtures: { events, responses }, problems };
  }
}
