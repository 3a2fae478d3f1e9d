import type { FixtureChecker } from './check-fixture-file.js';
import type { FixtureSet, FolderRead } from './fixture-folder.js';
import { FixtureFolder } from './fixture-folder.js';
import type { FixtureProblem } from './fixture-problem.js';
import { FixtureLoadError } from './fixture-problem.js';
import type { EventFixture, ResponseFixture } from './load-fixtures.js';

/** Where fixtures come from: folders of events/ and responses/, and pinned answers beneath them. */
export interface FixtureSources {
  /** Absolute folders; a later one's fixture replaces an earlier one's of the same id. */
  readonly folders: readonly string[];
  /** A folder whose responses/ (the pinned answers) lie beneath `folders`, or `undefined`. */
  readonly pinnedFrom: string | undefined;
}

/** What changed since the last read, per folder (`events/a.json`); a folder not named: new files only. */
export type FolderChanges = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Several fixture folders served as one set: the responses of `pinnedFrom` first, then each folder
 * in order, a later fixture replacing an earlier one of the same id (event or response). Each folder
 * is a {@link FixtureFolder}, so a reload reads again only what changed. A problem names its file
 * under its folder when there are several.
 */
export class FixtureFolders {
  readonly #layers: readonly { readonly folder: FixtureFolder; readonly pinned: boolean }[];
  readonly #many: boolean;

  constructor(sources: FixtureSources, checker: FixtureChecker) {
    const { folders, pinnedFrom } = sources;
    this.#layers = [
      ...(pinnedFrom === undefined ? [] : [{ directory: pinnedFrom, pinned: true }]),
      ...folders.map((directory) => ({ directory, pinned: false })),
    ].map(({ directory, pinned }) => ({ folder: new FixtureFolder(directory, checker), pinned }));
    this.#many = folders.length > 1;
  }

  /** The folders of one's own (or the bundled one), in order; the pinned folder is not among them. */
  get directories(): string[] {
    return this.#layers.filter((layer) => !layer.pinned).map((layer) => layer.folder.directory);
  }

  /** Reads every file of every folder now (blocking): for start-up and `validate`. */
  load(): FolderRead {
    return this.#combine(this.#layers.map(({ folder }) => read(() => folder.load())));
  }

  /** Reads again what changed (every file whose size, times or identity moved without `changed`). */
  async reload(changed?: FolderChanges): Promise<FolderRead> {
    const reads: FolderRead[] = [];
    for (const { folder } of this.#layers) {
      const files =
        changed === undefined ? undefined : (changed.get(folder.directory) ?? new Set());
      reads.push(await readAsync(() => folder.reload(files)));
    }
    return this.#combine(reads);
  }

  #combine(reads: readonly FolderRead[]): FolderRead {
    const only = reads[0];
    if (reads.length === 1 && only !== undefined) return only;
    const events = new Map<string, EventFixture>();
    const responses = new Map<string, ResponseFixture>();
    const problems: FixtureProblem[] = [];
    reads.forEach(({ fixtures, problems: found }, index) => {
      const layer = this.#layers[index];
      if (!layer) return;
      const { folder, pinned } = layer;
      problems.push(
        ...found.map((problem) =>
          this.#many && problem.file !== folder.directory
            ? { ...problem, file: `${folder.directory}/${problem.file}` }
            : problem,
        ),
      );
      if (!pinned)
        for (const [id, fixture] of fixtures.events) {
          responses.delete(id);
          events.set(id, fixture);
        }
      for (const [id, fixture] of fixtures.responses) {
        events.delete(id);
        responses.set(id, fixture);
      }
    });
    return { fixtures: { events, responses }, problems };
  }
}

const EMPTY: FixtureSet = { events: new Map(), responses: new Map() };

/** A folder's read; a folder that is not there (or not a fixtures folder) is its one problem. */
function read(load: () => FolderRead): FolderRead {
  try {
    return load();
  } catch (error) {
    return asProblems(error);
  }
}

async function readAsync(load: () => Promise<FolderRead>): Promise<FolderRead> {
  try {
    return await load();
  } catch (error) {
    return asProblems(error);
  }
}

function asProblems(error: unknown): FolderRead {
  if (error instanceof FixtureLoadError) return { fixtures: EMPTY, problems: error.problems };
  throw error;
}
