import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { storeContract } from '../store-contract.js'
import { createSqliteStore } from './sqlite-store.js'

storeContract('sqlite', async () => createSqliteStore(join(mkdtempSync(join(tmpdir(), 'sitrep-')), 'test.db')))
