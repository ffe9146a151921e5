import { useEffect, useState } from 'preact/hooks'
import { FILTER_KEYS, type Filters } from './api'

/** The views of the dashboard, in the order of its navigation. */
export const VIEWS = ['map', 'timeline', 'network', 'events', 'reader', 'alerts', 'ingest', 'queue'] as const
export type View = (typeof VIEWS)[number]

/** What the URL holds: the view, the filters and each view's own settings (sort, page, bucket, event). */
export interface Route {
  readonly view: View
  readonly filters: Filters
  readonly params: URLSearchParams
}

/** The route of a URL's query string; an unknown view is the map. */
export function parseRoute(search: string): Route {
  const params = new URLSearchParams(search)
  const view = (VIEWS as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as View) : 'map'
  const filters: Filters = {}
  for (const key of FILTER_KEYS) {
    const value = params.get(key)
    if (value) filters[key] = value
  }
  return { view, filters, params }
}

/** Changes the URL: values set (an empty string or null removes a key); `push` makes a new history entry. */
export function navigate(changes: Record<string, string | number | null | undefined>, push = true): void {
  const params = new URLSearchParams(window.location.search)
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') params.delete(key)
    else params.set(key, String(value))
  }
  const url = `${window.location.pathname}?${params.toString()}`
  if (push) window.history.pushState(null, '', url)
  else window.history.replaceState(null, '', url)
  window.dispatchEvent(new Event('sitrep:route'))
}

/** A link's href for changes to the current URL. */
export function hrefFor(changes: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams(window.location.search)
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') params.delete(key)
    else params.set(key, String(value))
  }
  return `?${params.toString()}`
}

/** The current route, updated on navigation and on the browser's back and forward. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.search))
  useEffect(() => {
    const update = (): void => setRoute(parseRoute(window.location.search))
    window.addEventListener('popstate', update)
    window.addEventListener('sitrep:route', update)
    return () => {
      window.removeEventListener('popstate', update)
      window.removeEventListener('sitrep:route', update)
    }
  }, [])
  return route
}

/** A key that changes when any filter changes: what views refetch on. */
export function filterKey(filters: Filters): string {
  return FILTER_KEYS.map((k) => filters[k] ?? '').join('|')
}

/** Follows a same-page link through navigate (no reload), keeping modified clicks (new tab) as they are. */
export function followLink(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
  const link = (e.target as Element | null)?.closest?.('a')
  const href = link?.getAttribute('href')
  if (!link || !href?.startsWith('?')) return
  e.preventDefault()
  window.history.pushState(null, '', `${window.location.pathname}${href}`)
  window.dispatchEvent(new Event('sitrep:route'))
  window.scrollTo(0, 0)
}
