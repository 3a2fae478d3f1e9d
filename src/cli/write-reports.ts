import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Engine } from '../engine/engine.js';
import type { CoverageReport } from '../report/coverage-report.js';
import { junitReport } from '../report/junit-report.js';
import { markdownSummary } from '../report/markdown-summary.js';
import { DEFAULT_CONSUMER, DEFAULT_PROVIDER, pactDocument } from '../report/pact-document.js';
import type { RunSettings } from './run-flags.js';

/** The consumer's name: the flag, else the name in ./package.json (the project under test). */
function consumerName(settings: RunSettings, cwd: string): string {
  if (settings.pactConsumer !== undefined) return settings.pactConsumer;
  const manifest = join(cwd, 'package.json');
  try {
    const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
    if (typeof name === 'string' && name !== '') return name.replace(/^@[^/]+\//, '');
  } catch {
    // No readable package.json: the fallback name.
  }
  return DEFAULT_CONSUMER;
}

function write(path: string, text: string): string {
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** A file name part without separators or characters file systems refuse. */
const fileSafe = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '-');

/**
 * Writes the reports `run` was asked for: the coverage report as JSON, JUnit XML, the Markdown
 * summary and the pact (`<consumer>-<provider>.json` in the pact folder). Returns the files written.
 */
export function writeReports(
  report: CoverageReport,
  engine: Engine,
  settings: RunSettings,
  cwd: string = process.cwd(),
): string[] {
  const written: string[] = [];
  const { coverageJson, junit, summary, pactDir, minCoverage } = settings;
  if (coverageJson !== undefined)
    written.push(write(coverageJson, `${JSON.stringify(report, null, 2)}\n`));
  if (junit !== undefined) written.push(write(junit, junitReport(report, minCoverage)));
  if (summary !== undefined) written.push(write(summary, markdownSummary(report, minCoverage)));
  if (pactDir !== undefined) {
    const consumer = consumerName(settings, cwd);
    const provider = settings.pactProvider ?? DEFAULT_PROVIDER;
    const pact = pactDocument(engine.interactions.list(), engine.contract, {
      consumer,
      provider,
      version: settings.pactVersion,
    });
    if (!existsSync(pactDir)) mkdirSync(pactDir, { recursive: true });
    written.push(
      write(
        join(pactDir, `${fileSafe(consumer)}-${fileSafe(provider)}.json`),
        `${JSON.stringify(pact, null, 2)}\n`,
      ),
    );
  }
  return written;
}
