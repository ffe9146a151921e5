import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const SRC = fileURLToPath(new URL('../src', import.meta.url))
// A spread whose size is bounded by the code itself carries this note on its line or the
// line above, with the reason: `// spread-ok: at most 4 SQL parameters`.
const ALLOW = /\/\/ spread-ok: \S/

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [join(dir, e.name)] : [],
  )
}

/** Every `f(...xs)` and `new F(...xs)` in a file: each spread element becomes one argument on the stack. */
export function callSpreads(file: string, text: string): { line: number; code: string }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const lines = text.split('\n')
  const found: { line: number; code: string }[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isSpreadElement(node) && (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent))) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line
      const near = `${lines[line - 1] ?? ''}\n${lines[line] ?? ''}`
      if (!ALLOW.test(near)) found.push({ line: line + 1, code: (lines[line] ?? '').trim() })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

// A spread of a long array into a call overflows the stack (about 120k arguments): a sentence
// of 150k tokens, a JSON-LD array of 200k items, 150k rows of a table. Loops or reduce instead.
describe('no spread of an array into a call in src/', () => {
  it('finds none outside the commented, provably small ones', () => {
    const found = sourceFiles(SRC).flatMap((f) => callSpreads(f, readFileSync(f, 'utf8')).map((s) => `${relative(SRC, f)}:${s.line}: ${s.code}`))
    assert.deepEqual(found, [])
  })

  it('catches the shapes that overflow', () => {
    const text = 'a.push(...xs)\nMath.max(0, ...ys)\nString.fromCharCode(...codes)\nnew Set(...zs)\nconst ok = [...xs, ...ys]\nconst o = { ...p }\n'
    assert.deepEqual(
      callSpreads('x.ts', text).map((s) => s.line),
      [1, 2, 3, 4],
    )
    assert.deepEqual(callSpreads('y.ts', '// spread-ok: two items\nf(...[1, 2])\n'), [])
  })
})
