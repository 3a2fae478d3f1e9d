import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's Chromium; .ci/run installs it. No browser is ever downloaded. */
export const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why Chromium cannot be launched from `executablePath`, or `undefined` when it is there. */
export function chromiumMissing(executablePath: string = CHROMIUM): string | undefined {
  return existsSync(executablePath)
    ? undefined
    : `Chromium is not installed at ${executablePath}: run \`apt-get update && apt-get install -y chromium\` (as root; .ci/run does it on CI).`;
}

/**
 * Launches Debian's headless Chromium with a fresh user data dir. Throws (so the test fails,
 * never skips) when Chromium is not installed.
 */
export async function launchChromium(executablePath: string = CHROMIUM): Promise<Browser> {
  const missing = chromiumMissing(executablePath);
  if (missing) throw new Error(missing);
  return chromium.launch({ executablePath, args: ARGS, timeout: 20_000 });
}
