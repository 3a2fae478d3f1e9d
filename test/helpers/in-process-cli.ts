import { Writable } from 'node:stream';
import { vi } from 'vitest';
import { describeFailure, main } from '../../src/cli/main.js';

/** A writable stream that keeps what is written, as text; `isTTY` can be set to play a terminal. */
export class TextSink extends Writable {
  text = '';
  isTTY?: boolean;

  constructor(options: { isTTY?: boolean } = {}) {
    super();
    if (options.isTTY !== undefined) this.isTTY = options.isTTY;
  }

  override _write(chunk: unknown, _encoding: BufferEncoding, done: () => void): void {
    this.text += String(chunk);
    done();
  }
}

/** What a command printed and the exit code dist/cli.cjs would give it. */
export interface MainResult {
  readonly code: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
}

function text(chunk: string | Uint8Array): string {
  return typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
}

/**
 * Runs the command line's `main()` in this process, as dist/cli.cjs does (a thrown error becomes
 * `audit-events-mock: <message>` and its exit code), without the cost of a new Node process.
 * It captures process.stdout/stderr while it runs, so never use it in concurrent tests; and never
 * for a `serve` that starts (it would install signal handlers in the test worker).
 */
export async function runMain(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<MainResult> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += text(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += text(chunk);
    return true;
  });
  try {
    const code = await main(args, env);
    return { code, stdout, stderr };
  } catch (error) {
    const { message, code } = describeFailure(error);
    return { code, stdout, stderr: `${stderr}audit-events-mock: ${message}\n` };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
