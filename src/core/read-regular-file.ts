import type { Stats } from 'node:fs';
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/** Why a file was not read; the message says what it is and what to do. */
export type FileProblem = 'missing' | 'not-regular' | 'too-large' | 'unreadable';

/** The text of a file (UTF-8, without a byte-order mark), or why it was not read. */
export type FileRead =
  | { readonly ok: true; readonly text: string; readonly stats: Stats }
  | { readonly ok: false; readonly problem: FileProblem; readonly message: string };

/** Text without a leading UTF-8 byte-order mark. */
export function withoutBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** What a file that is not a regular file is, for a message. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function failure(error: unknown): FileRead {
  const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
  if (code === 'ENOENT')
    return { ok: false, problem: 'missing', message: 'does not exist (or is a broken link)' };
  const reason = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    problem: 'unreadable',
    message: `cannot be read (${code ?? reason}); check that it exists and that this user may read it`,
  };
}

/** `undefined` when `stats` is a regular file of at most `maxBytes`, else why it is not read. */
function refusal(stats: Stats, maxBytes: number): FileRead | undefined {
  if (!stats.isFile())
    return {
      ok: false,
      problem: 'not-regular',
      message: `is ${kindOf(stats)}, not a regular file, so it was not opened; remove it or give it another name`,
    };
  if (stats.size > maxBytes)
    return {
      ok: false,
      problem: 'too-large',
      message: `is ${stats.size} bytes, more than the ${maxBytes} bytes a file may hold; make it smaller`,
    };
  return undefined;
}

// O_NONBLOCK: should a FIFO take the file's place between the check and the open, the open still
// returns at once (and the check on the open file refuses it) instead of waiting for a writer.
const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

/**
 * Reads a regular file of at most `maxBytes` as UTF-8 (a byte-order mark is dropped). Anything
 * else is never opened for reading: a FIFO, socket or device would block or never end.
 */
export function readRegularFile(path: string, maxBytes: number): FileRead {
  let fd: number;
  try {
    const refused = refusal(statSync(path), maxBytes);
    if (refused) return refused;
    fd = openSync(path, READ_FLAGS);
  } catch (error) {
    return failure(error);
  }
  try {
    const stats = fstatSync(fd);
    const refused = refusal(stats, maxBytes);
    if (refused) return refused;
    const buffer = Buffer.allocUnsafe(stats.size);
    let read = 0;
    while (read < buffer.length) {
      const got = readSync(fd, buffer, read, buffer.length - read, read);
      if (got === 0) break;
      read += got;
    }
    return { ok: true, text: withoutBom(buffer.toString('utf8', 0, read)), stats };
  } catch (error) {
    return failure(error);
  } finally {
    closeSync(fd);
  }
}

/** {@link readRegularFile} without blocking: for reloads while the server answers. */
export async function readRegularFileAsync(path: string, maxBytes: number): Promise<FileRead> {
  try {
    const refused = refusal(await stat(path), maxBytes);
    if (refused) return refused;
    const handle = await open(path, READ_FLAGS);
    try {
      const stats = await handle.stat();
      const again = refusal(stats, maxBytes);
      if (again) return again;
      const buffer = Buffer.allocUnsafe(stats.size);
      let read = 0;
      while (read < buffer.length) {
        const { bytesRead } = await handle.read(buffer, read, buffer.length - read, read);
        if (bytesRead === 0) break;
        read += bytesRead;
      }
      return { ok: true, text: withoutBom(buffer.toString('utf8', 0, read)), stats };
    } finally {
      await handle.close();
    }
  } catch (error) {
    return failure(error);
  }
}
