import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { ApiApp } from './deps.js'

// the docs page's own files, served from the swagger-ui-dist package: no CDN, works offline
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
}

// the page may load its own scripts and styles (Swagger UI sets inline styles) and call /openapi.json, nothing else
const DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>sitrep API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="docs"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`

const INIT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#docs', deepLinking: true })
})
`

/** GET /docs: an interactive page over /openapi.json, its scripts served by this server. */
export function docsRoutes(app: ApiApp): void {
  const folder = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
  const cache = new Map<string, string>()
  app.get('/docs', (c) => {
    c.header('Content-Security-Policy', DOCS_CSP)
    return c.html(PAGE)
  })
  app.get('/docs/init.js', (c) => c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))
  app.get('/docs/:file', (c) => {
    const file = c.req.param('file')
    const type = ASSETS[file]
    // only the two named files: a path from the URL never reaches the file system
    if (!type) return c.notFound()
    let body = cache.get(file)
    if (body === undefined) {
      body = readFileSync(join(folder, file), 'utf8')
      cache.set(file, body)
    }
    return c.body(body, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=3600' })
  })
}
