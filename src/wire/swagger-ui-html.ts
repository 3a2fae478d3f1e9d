/** Where the Swagger UI page loads its assets from, as FastAPI's `get_swagger_ui_html` defaults. */
export const SWAGGER_UI_CDN = {
  js: 'https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js',
  css: 'https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css',
  favicon: 'https://fastapi.tiangolo.com/img/favicon.png',
} as const;

/** What the page needs: FastAPI passes `"<title> - Swagger UI"` and the app's URLs. */
export interface SwaggerUiPage {
  readonly title: string;
  readonly openapiUrl: string;
  /** `null` when the app has no OAuth2 redirect route. */
  readonly oauth2RedirectUrl: string | null;
  readonly assets: { readonly js: string; readonly css: string; readonly favicon: string };
}

// FastAPI's swagger_ui_default_parameters, in order; each written with Python's json.dumps.
const PARAMETERS = [
  ['dom_id', '#swagger-ui'],
  ['layout', 'BaseLayout'],
  ['deepLinking', true],
  ['showExtensions', true],
  ['showCommonExtensions', true],
] as const;

/**
 * The Swagger UI page exactly as FastAPI 0.128's `get_swagger_ui_html` renders it with default
 * parameters: the same bytes, whitespace included (later releases add a viewport tag). Nothing is
 * escaped, as in FastAPI.
 */
export function swaggerUiHtml(page: SwaggerUiPage): string {
  const { title, openapiUrl, oauth2RedirectUrl, assets } = page;
  let html = `
    <!DOCTYPE html>
    <html>
    <head>
    <link type="text/css" rel="stylesheet" href="${assets.css}">
    <link rel="shortcut icon" href="${assets.favicon}">
    <title>${title}</title>
    </head>
    <body>
    <div id="swagger-ui">
    </div>
    <script src="${assets.js}"></script>
    <!-- \`SwaggerUIBundle\` is now available on the page -->
    <script>
    const ui = SwaggerUIBundle({
        url: '${openapiUrl}',
    `;
  for (const [key, value] of PARAMETERS) html += `"${key}": ${JSON.stringify(value)},\n`;
  if (oauth2RedirectUrl)
    html += `oauth2RedirectUrl: window.location.origin + '${oauth2RedirectUrl}',`;
  html += `
    presets: [
        SwaggerUIBundle.presets.apis,
        SwaggerUIBundle.SwaggerUIStandalonePreset
        ],
    })`;
  html += `
    </script>
    </body>
    </html>
    `;
  return html;
}
