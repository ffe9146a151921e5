import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sourceStateContract } from '../source-state-contract.js'
import { storeContract } from '../store-contract.js'
import { createSqliteStore } from './sqlite-store.js'

const fresh = async () => createSqliteStore(join(mkdtempSync(join(tmpdir(), 'sitrep-')), 'test.db'))
storeContract('sqlite', fresh)
sourceStateContract('sqlite', fresh)
