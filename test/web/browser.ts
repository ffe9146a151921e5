// What the dashboard's browser tests share: Debian's chromium driven by playwright-core (never
// a browser download), a server over a store, and where screenshots go.
import { existsSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import { type RunningServer, startServer } from '../../src/api/server.js'
import { createLexicon } from '../../src/lexicon/lexicon.js'
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

/** Serves the API and the dashboard over a store on a free port of 127.0.0.1. */
export function serve(store: Store): Promise<RunningServer> {
  return startServer({ store, lexicon: createLexicon(), port: 0, rateLimitPerMinute: 0, log: () => undefined })
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
