// Writes the TypeScript types derived from the package's contracts into src/generated/: the
// provider's spec (openapi-typescript) and the JSON Schemas of schemas/ (json-schema-to-typescript).
// Run by `npm run build` and `npm run typecheck`; src/generated/ is not committed.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import process from 'node:process';
import { URL } from 'node:url';
import { compileFromFile } from 'json-schema-to-typescript';

const out = new URL('../src/generated/', import.meta.url);
const schemas = new URL('../schemas/', import.meta.url);
mkdirSync(out, { recursive: true });

execFileSync(
  process.execPath,
  [
    new URL('../node_modules/openapi-typescript/bin/cli.js', import.meta.url).pathname,
    new URL('../spec/openapi.json', import.meta.url).pathname,
    '-o',
    new URL('openapi.ts', out).pathname,
    '--silent',
  ],
  { stdio: 'inherit' },
);

for (const file of readdirSync(schemas).filter((name) => name.endsWith('.schema.json'))) {
  const types = await compileFromFile(new URL(file, schemas).pathname, {
    cwd: schemas.pathname,
    bannerComment: `/* Generated from schemas/${file} by scripts/generate-types.mjs: edit the schema, not this file. */`,
    additionalProperties: false,
    ignoreMinAndMaxItems: true,
    unknownAny: true,
    format: false,
    declareExternallyReferenced: true,
  });
  writeFileSync(new URL(file.replace('.schema.json', '.ts'), out), types);
}
