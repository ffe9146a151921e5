import { existsSync, readFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ApiApp } from './deps.js'

// The built dashboard (`vite build web`): dist/web beside dist/api and src/api alike.
const DEFAULT_FOLDER = fileURLToPath(new URL('../../dist/web/', import.meta.url))

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
}

// The page loads its own scripts and styles and calls this server, nothing else; Leaflet and
// Preact set inline styles (style-src-attr), and the map's markers are data: SVG at most.
const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

/**
 * GET / (the dashboard) and GET /assets/{file}, served from the built dashboard. When it has
 * not been built, / says how to build it.
 */
export function dashboardAssets(app: ApiApp, folder = DEFAULT_FOLDER): void {
  const cache = new Map<string, Buffer>()
  const read = (file: string): Buffer | null => {
    let body = cache.get(file)
    if (!body) {
      const path = join(folder, file)
      if (!existsSync(path)) return null
      body = readFileSync(path)
      cache.set(file, body)
    }
    return body
  }
  app.get('/', (c) => {
    const page = read('index.html')
    c.header('Content-Security-Policy', DASHBOARD_CSP)
    if (!page) return c.text('The dashboard is not built: run `npm run build` (it runs `vite build web`).\nThe API is at /v1, its docs at /docs.\n', 503)
    return c.body(new Uint8Array(page), 200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' })
  })
  app.get('/assets/:file', (c) => {
    const file = c.req.param('file')
    const type = TYPES[extname(file)]
    // a plain file name of a known type: a path from the URL never leaves the folder
    if (!type || !/^[\w.-]+$/.test(file) || file.startsWith('.')) return c.notFound()
    const body = read(join('assets', file))
    if (!body) return c.notFound()
    c.header('Content-Security-Policy', DASHBOARD_CSP)
    // Vite names each built file by its content hash: it never changes under its name
    return c.body(new Uint8Array(body), 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=31536000, immutable' })
  })
}
