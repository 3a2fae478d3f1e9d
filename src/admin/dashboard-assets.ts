import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { packagePath } from '../core/package-root.js';

/** The folder of the package that holds the dashboard's page, scripts and styles. */
export const DASHBOARD_DIR = packagePath('dashboard');

/** Where the page refers to its files; replaced by `assets/<version>` when served. */
const ASSETS_PLACEHOLDER = '%ASSETS%';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** One file of the dashboard as served: its bytes, gzipped once, and its entity tag. */
export interface DashboardFile {
  readonly contentType: string;
  readonly raw: Buffer;
  readonly gzip: Buffer;
  readonly etag: string;
}

/** The dashboard: its page and its files, named by a version that changes with their content. */
export interface DashboardAssets {
  /** A hash of every file: part of the files' URLs, so they can be cached for good. */
  readonly version: string;
  readonly page: DashboardFile;
  readonly files: ReadonlyMap<string, DashboardFile>;
}

function servedFile(contentType: string, raw: Buffer): DashboardFile {
  const etag = `"${createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"`;
  return { contentType, raw, gzip: gzipSync(raw, { level: 9 }), etag };
}

/**
 * Reads the dashboard folder (`index.html` and the files it loads; other names are not served).
 * @throws Error naming the folder when it or its page is missing
 */
export function loadDashboardAssets(dir: string = DASHBOARD_DIR): DashboardAssets {
  const names = readdirSync(dir)
    .filter((name) => CONTENT_TYPES[extname(name)] !== undefined)
    .sort();
  if (!names.includes('index.html'))
    throw new Error(`The dashboard folder ${dir} has no index.html; reinstall audit-events-mock.`);
  const contents = new Map(names.map((name) => [name, readFileSync(join(dir, name))] as const));
  const hash = createHash('sha256');
  for (const [name, raw] of contents) hash.update(name).update('\0').update(raw).update('\0');
  const version = hash.digest('hex').slice(0, 12);
  const files = new Map<string, DashboardFile>();
  let page: DashboardFile | undefined;
  for (const [name, raw] of contents) {
    const contentType = CONTENT_TYPES[extname(name)] ?? 'application/octet-stream';
    if (name === 'index.html') {
      const html = raw.toString('utf8').replaceAll(ASSETS_PLACEHOLDER, `assets/${version}`);
      page = servedFile(contentType, Buffer.from(html));
    } else files.set(name, servedFile(contentType, raw));
  }
  if (page === undefined) throw new Error(`The dashboard folder ${dir} has no index.html.`);
  return { version, page, files };
}
