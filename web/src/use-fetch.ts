import { useEffect, useState } from 'preact/hooks'

/** What a request gives a view: its data once loaded, or its error. */
export interface Loaded<T> {
  readonly data: T | null
  readonly error: string | null
  readonly loading: boolean
}

/** Runs `load` whenever `key` changes, dropping the answers of requests made stale by a newer one. */
export function useFetch<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, loading: true })
  useEffect(() => {
    const controller = new AbortController()
    setState((s) => ({ ...s, loading: true }))
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: null, loading: false })
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setState({ data: null, error: (e as Error).message, loading: false })
      },
    )
    return () => controller.abort()
  }, [key])
  return state
}
