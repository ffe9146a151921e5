import { parseArgs } from 'node:util'
import { issueToken } from '../services/api-tokens.js'
import { createStore } from '../store/create-store.js'
import { TOKEN_SCOPES, type TokenScope } from '../store/tokens.js'
import { UsageError, writeLine } from './util.js'

/** `sitrep tokens add NAME --scope S | list | revoke ID`: the API's bearer tokens, stored hashed. */
export async function tokensCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { db: { type: 'string', default: 'sitrep.db' }, scope: { type: 'string', default: 'read' } },
  })
  const [sub, ...rest] = positionals
  if (sub !== 'add' && sub !== 'list' && sub !== 'revoke')
    throw new UsageError(`"sitrep tokens" needs add, list or revoke, got ${sub ? `"${sub}"` : 'nothing'}`)
  const scope = values.scope as TokenScope
  if (!TOKEN_SCOPES.includes(scope)) throw new UsageError(`--scope expects one of ${TOKEN_SCOPES.join(', ')}, got "${values.scope}"`)
  const name = rest.join(' ').trim()
  if ((sub === 'add' || sub === 'revoke') && !name) throw new UsageError(sub === 'add' ? 'tokens add needs a NAME' : 'tokens revoke needs a token ID')
  const store = createStore(values.db)
  try {
    await store.migrate()
    if (sub === 'add') {
      const token = await issueToken(store, name, scope)
      await writeLine(token.secret)
      process.stderr.write(`sitrep: token ${token.id} "${token.name}" (${token.scope}) made; the line above is its secret, shown only now\n`)
      return 0
    }
    if (sub === 'revoke') {
      if (await store.revokeToken(name)) {
        await writeLine(`revoked ${name}`)
        return 0
      }
      process.stderr.write(`sitrep: no valid token with id "${name}" (see sitrep tokens list)\n`)
      return 1
    }
    const tokens = await store.listTokens()
    for (const t of tokens) await writeLine(`${t.id}  ${t.scope.padEnd(5)}  ${t.createdAt}  ${t.revokedAt ? `revoked ${t.revokedAt}` : 'valid'}  ${t.name}`)
    if (!tokens.length) await writeLine('no tokens')
    return 0
  } finally {
    await store.close()
  }
}
