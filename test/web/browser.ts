// What the dashboard's browser tests share: Debian's chromium driven by playwright-core (never
// a browser download), a server over a store, and where screenshots go.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import { type RunningServer, startServer } from '../../src/api/server.js'
import { createLexicon } from '../../src/lexicon/lexicon.js'
import type { QueueMonitor } from '../../src/services/queue-monitor.js'
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import type { Store } from '../../src/store/store.js'

/** The browser: Debian's chromium package (.ci/run installs it with apt-get when missing). */
export const CHROMIUM = process.env.SITREP_CHROMIUM ?? '/usr/bin/chromium'

/** Where the screenshots of every view are written (CI prints the folder). */
export const SCREENSHOTS = process.env.SITREP_SCREENSHOTS ?? join(tmpdir(), 'sitrep-dashboard-screenshots')

const BUILT = fileURLToPath(new URL('../../dist/web/index.html', import.meta.url))

/** Starts headless chromium without a sandbox or GPU; a missing browser or an unbuilt dashboard is said in words. */
export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium), as .ci/run does`)
  if (!existsSync(BUILT)) throw new Error('the dashboard is not built: run npm run build (or npm run build:web)')
  mkdirSync(SCREENSHOTS, { recursive: true })
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] })
}

/** Serves the API and the dashboard over a store on a free port of 127.0.0.1 (showing a queue when given one). */
export function serve(store: Store, queue?: QueueMonitor): Promise<RunningServer> {
  return startServer({ store, lexicon: createLexicon(), port: 0, rateLimitPerMinute: 0, log: () => undefined, ...(queue && { queue }) })
}

/** A new SQLite store in a folder of its own under the system's temporary folder, migrated. */
export async function tempStore(name: string): Promise<{ store: Store; path: string }> {
  const path = join(mkdtempSync(join(tmpdir(), `sitrep-${name}-`)), `${name}.db`)
  const store = createSqliteStore(path)
  await store.migrate()
  return { store, path }
}

/** The dashboard served over a store and open in chromium: the server, its address, the browser and a page. */
export interface Dashboard {
  readonly server: RunningServer
  /** http://127.0.0.1:PORT */
  readonly base: string
  readonly browser: Browser
  /** A page of 1280 × 900. */
  readonly page: Page
  /** Every URL the page requested. */
  readonly requests: string[]
  /** Closes the browser, the server and the store. */
  close(): Promise<void>
}

/**
 * Serves the dashboard over a store and opens a page of it in chromium, recording its requests;
 * `close` ends the browser, the server and the store, whatever of them was started.
 *
 * @example
 *   const dashboard = await openDashboard((await tempStore('web')).store)
 *   await dashboard.page.goto(`${dashboard.base}/?view=map`)
 */
export async function openDashboard(store: Store, options: { queue?: QueueMonitor } = {}): Promise<Dashboard> {
  let server: RunningServer | undefined
  let browser: Browser | undefined
  const close = async (): Promise<void> => {
    await browser?.close()
    await server?.close()
    await store.close()
  }
  try {
    server = await serve(store, options.queue)
    browser = await launch()
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    return { server, base: `http://127.0.0.1:${server.port}`, browser, page, requests: recordRequests(page), close }
  } catch (error) {
    await close()
    throw error
  }
}

/** Every URL a page requests, to check that none leaves this machine. */
export function recordRequests(page: Page): string[] {
  const urls: string[] = []
  page.on('request', (r) => {
    urls.push(r.url())
  })
  return urls
}

/** The requests that went anywhere but 127.0.0.1 (data: URLs are not requests to anyone). */
export function outside(urls: readonly string[]): string[] {
  return urls.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:')) return false
    try {
      return new URL(u).hostname !== '127.0.0.1'
    } catch {
      return true
    }
  })
}

/** Resolves when no section of the page says it is loading. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !(globalThis as unknown as PageGlobals).document.querySelector('[aria-busy="true"]'), undefined, { timeout: 15_000 })
}

/**
 * The page's globals, for functions that run in the page: this file is compiled without the
 * DOM's types, and the page's policy forbids evaluating strings, so functions cast globalThis.
 */
export type PageGlobals = { document: { querySelector(selector: string): unknown; documentElement: { scrollWidth: number } } }
