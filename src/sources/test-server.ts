import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A request the test server saw. */
export interface SeenRequest {
  readonly path: string
  readonly headers: IncomingMessage['headers']
}

/** A local HTTP server for the sources' tests, bound to 127.0.0.1 only. */
export interface TestServer {
  readonly origin: string
  readonly port: number
  readonly seen: SeenRequest[]
  close(): Promise<void>
}

/** Starts a server on 127.0.0.1 whose routes answer by path, or by prefix for a key ending in `*` (`/robots.txt` gets a 404 unless routed). */
export async function startTestServer(routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void>): Promise<TestServer> {
  const seen: SeenRequest[] = []
  const server = createServer((req, res) => {
    const path = req.url ?? '/'
    seen.push({ path, headers: req.headers })
    const bare = path.split('?')[0] as string
    const prefix = Object.keys(routes).find((k) => k.endsWith('*') && bare.startsWith(k.slice(0, -1)))
    const route = routes[path] ?? routes[bare] ?? (prefix ? routes[prefix] : undefined)
    if (route) return route(req, res)
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
