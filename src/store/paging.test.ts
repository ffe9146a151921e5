import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { syntheticDoc } from '../../scripts/synthetic-docs.js'
import { pagedEvents } from './paging.js'
import type { EventRow } from './rows.js'
import { createSqliteStore } from './sqlite/sqlite-store.js'
import { DOC_A, DOC_B } from './store-contract.js'

describe('pagedEvents', () => {
  it('reads every event once across many small pages, in id or date order, with filters and limits', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sitrep-paging-')), 'p.db')
    const store = createSqliteStore(path)
    await store.migrate()
    await store.saveMany([DOC_B, ...Array.from({ length: 8 }, (_, n) => syntheticDoc(n, 5)), DOC_A], 'test')
    const all = await store.queryEvents({})
    await store.close()
    const db = new Database(path, { readonly: true })
    const read = async (order: 'stored' | 'date', filter = {}): Promise<number[]> => {
      const ids: number[] = []
      for await (const e of pagedEvents(
        filter,
        () => '?',
        async (sql, params) => db.prepare(sql).all(params) as EventRow[],
        order,
        3,
      ))
        ids.push(e.id)
      return ids
    }
    const byId = all.map((e) => e.id).sort((a, b) => a - b)
    assert.deepEqual(await read('stored'), byId)
    assert.deepEqual(
      await read('date'),
      all.map((e) => e.id),
      'the order of queryEvents: date, article, position',
    )
    assert.deepEqual(
      await read('date', { actor: 'SYR', limit: 7 }),
      (await Promise.resolve(all.filter((e) => /^SYR/.test(e.sourceCode ?? '') || /^SYR/.test(e.targetCode ?? '')))).slice(0, 7).map((e) => e.id),
    )
    db.close()
  })
})
