import type { Server } from 'node:http'
import { serve } from '@hono/node-server'
import { type ApiOptions, createApp } from './app.js'

/** Where and how the server listens, besides the API's own settings. */
export interface ServerOptions extends ApiOptions {
  /** The address to bind (default 127.0.0.1: this machine only). */
  readonly host?: string
  /** The port (default 8080; 0 picks a free one). */
  readonly port?: number
}

/** A running server: its address and how to stop it. */
export interface RunningServer {
  readonly host: string
  readonly port: number
  close(): Promise<void>
}

/** Whether an address is this machine only (no other host can reach a server bound to it). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
}

/**
 * Serves the API on Node's HTTP server with time limits on slow clients (headers in 10 s,
 * a whole request in the API's timeout) so a slow sender cannot hold a connection open.
 *
 * @example
 *   const server = await startServer({ store, lexicon: createLexicon(), port: 8080 })
 *   await server.close()
 */
export function startServer(options: ServerOptions): Promise<RunningServer> {
  const app = createApp(options)
  const host = options.host ?? '127.0.0.1'
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8080 }, (info) => {
      resolve({
        host,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            ;(server as Server).closeAllConnections?.()
            server.close(() => done())
          }),
      })
    }) as Server
    server.headersTimeout = 10_000
    server.requestTimeout = (options.timeoutMs ?? 30_000) + 5_000
    server.keepAliveTimeout = 5_000
    server.once('error', reject)
  })
}
