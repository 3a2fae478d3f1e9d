// Injected into the CommonJS bundles in place of import.meta.url (see scripts/build.mjs).
/* global __filename -- the bundle is CommonJS, where each module has its file name */
import { pathToFileURL } from 'node:url';

export const importMetaUrl = pathToFileURL(__filename).href;
