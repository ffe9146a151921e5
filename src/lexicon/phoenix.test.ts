import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { rolesAt } from './actors.js'
import { checkPhoenixIndex, hashedLineLookup, nameHash, phoenixLayer } from './phoenix.js'
import { createActorRegistry, packageRegistry } from './registry.js'

/** A names.tsv and names.bin pair over the given keys, as the converter writes them. */
function table(keys: readonly string[]): { lines: Buffer; bin: Buffer } {
  const head = '# header\n'
  const body = keys.map((k, i) => `${k}\t${i}`)
  const rows: { hash: number; at: number }[] = []
  let at = Buffer.byteLength(head)
  for (const line of body) {
    rows.push({ hash: nameHash(line.slice(0, line.indexOf('\t'))), at })
    at += Buffer.byteLength(line) + 1
  }
  rows.sort((a, b) => a.hash - b.hash)
  const bin = Buffer.alloc(4 + rows.length * 8)
  bin.writeUInt32LE(rows.length, 0)
  rows.forEach((r, k) => {
    bin.writeUInt32LE(r.hash, 4 + k * 4)
    bin.writeUInt32LE(r.at, 4 + rows.length * 4 + k * 4)
  })
  return { lines: Buffer.from(`${head}${body.join('\n')}\n`), bin }
}

describe('Phoenix layer', () => {
  it('finds every key of a hashed table and nothing else', () => {
    const keys = ['p:babrak karmal', 'o:=UNHCR', 'p:josé martí', 'o:17 november']
    const { lines, bin } = table(keys)
    for (const [i, k] of keys.entries()) assert.equal(hashedLineLookup(bin, lines, k), String(i))
    assert.equal(hashedLineLookup(bin, lines, 'p:nobody'), undefined)
    assert.equal(hashedLineLookup(bin, lines, 'p:'), undefined)
  })

  it('leads every converted name back to its entry', () => assert.deepEqual(checkPhoenixIndex(), []))

  it('ends open-ended Phoenix roles at the dictionary date', () => {
    const layer = phoenixLayer()
    assert.ok(layer)
    assert.match(layer.cutoff, /^2015-/)
    const [person] = layer.lookupPeople('Djamel Ould Abbas') ?? []
    assert.ok(person)
    assert.equal(rolesAt(person, '2012-01-01')[0]?.code, 'DZAGOVHLH')
    assert.deepEqual(rolesAt(person, '2020-01-01'), [])
  })

  it('gives a name to our registry before theirs', () => {
    // a person of ours and a name only Phoenix knows
    assert.equal(packageRegistry().lookupPeople('Bashar al-Assad')[0]?.id, 'bashar-al-assad')
    assert.equal(packageRegistry().lookupPeople('Babrak Karmal')[0]?.id, 'phoenix-babrak-karmal')
    // a user's own entry with that name wins over Phoenix too
    const user = createActorRegistry({ people: [{ id: 'mine', name: 'Babrak Karmal', aliases: [], roles: [] }] })
    assert.deepEqual(
      user.lookupPeople('Babrak Karmal').map((p) => p.id),
      ['mine'],
    )
    // a name we list as an organisation is not a Phoenix person
    assert.deepEqual(packageRegistry().lookupPeople('United Nations'), [])
  })

  it('feeds the Phoenix role nouns below ours', () => {
    const nouns = packageRegistry().sectorByNoun
    assert.equal(nouns.get('sharecropper')?.sector, 'AGR')
    assert.equal(nouns.get('troops')?.source.startsWith('Phoenix'), false)
  })
})
