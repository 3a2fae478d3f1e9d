import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { OptionsError } from '../config/options-error.js';

/** The files the docs pages load, read from the npm packages installed beside the mock. */
export interface DocsAssetFiles {
  readonly swaggerUiJs: Buffer;
  readonly swaggerUiCss: Buffer;
  readonly favicon: Buffer;
  /** `undefined` when the ReDoc page is turned off. */
  readonly redocJs: Buffer | undefined;
}

const require = createRequire(import.meta.url);

function packageFolder(name: string, install: string, instead: string): string {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    throw new OptionsError(
      `docsAssets "local" serves files of the ${name} package, which is not installed: run \`npm install ${install}\` beside audit-events-mock, or ${instead}.`,
    );
  }
}

/**
 * Reads Swagger UI (`swagger-ui-dist`) and, when `withRedoc`, ReDoc's standalone bundle (`redoc`
 * 2.x) for `docsAssets: "local"`, once at start-up.
 * @throws OptionsError naming the package to install when one is missing
 */
export function loadDocsAssets(withRedoc: boolean): DocsAssetFiles {
  const swagger = packageFolder('swagger-ui-dist', 'swagger-ui-dist@5', 'use --docs-assets cdn');
  const redoc = withRedoc
    ? packageFolder('redoc', 'redoc@2', 'turn the ReDoc page off with --redoc-url none')
    : undefined;
  return {
    swaggerUiJs: readFileSync(join(swagger, 'swagger-ui-bundle.js')),
    swaggerUiCss: readFileSync(join(swagger, 'swagger-ui.css')),
    favicon: readFileSync(join(swagger, 'favicon-32x32.png')),
    redocJs:
      redoc === undefined ? undefined : readFileSync(join(redoc, 'bundles', 'redoc.standalone.js')),
  };
}
