/** Where the ReDoc page loads its script from, as FastAPI's `get_redoc_html` defaults. */
export const REDOC_CDN = {
  js: 'https://cdn.jsdelivr.net/npm/redoc@2/bundles/redoc.standalone.js',
  favicon: 'https://fastapi.tiangolo.com/img/favicon.png',
} as const;

/** What the page needs: FastAPI passes `"<title> - ReDoc"` and the app's OpenAPI URL. */
export interface RedocPage {
  readonly title: string;
  readonly openapiUrl: string;
  readonly assets: { readonly js: string; readonly favicon: string };
  /** FastAPI links Google Fonts unless told not to; an offline page leaves them out. */
  readonly withGoogleFonts: boolean;
}

/** The ReDoc page exactly as FastAPI 0.128's `get_redoc_html` renders it: the same bytes. */
export function redocHtml(page: RedocPage): string {
  const { title, openapiUrl, assets, withGoogleFonts } = page;
  let html = `
    <!DOCTYPE html>
    <html>
    <head>
    <title>${title}</title>
    <!-- needed for adaptive design -->
    <meta charset="utf-8"/>
    <meta name="viewport" content="width=device-width, initial-scale=1">
    `;
  if (withGoogleFonts)
    html += `
    <link href="https://fonts.googleapis.com/css?family=Montserrat:300,400,700|Roboto:300,400,700" rel="stylesheet">
    `;
  html += `
    <link rel="shortcut icon" href="${assets.favicon}">
    <!--
    ReDoc doesn't change outer page styles
    -->
    <style>
      body {
        margin: 0;
        padding: 0;
      }
    </style>
    </head>
    <body>
    <noscript>
        ReDoc requires Javascript to function. Please enable it to browse the documentation.
    </noscript>
    <redoc spec-url="${openapiUrl}"></redoc>
    <script src="${assets.js}"> </script>
    </body>
    </html>
    `;
  return html;
}
