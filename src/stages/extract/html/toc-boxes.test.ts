import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDoc } from '../../../core/doc.js'
import { stageContext } from '../../context.js'
import { createExtractStage } from '../index.js'

const ctx = stageContext('2025-07-31')
const bodyOf = (html: string): string | undefined => createExtractStage().run(createDoc({ html }, 't'), ctx).layers.article?.text
const page = (lang: string, body: string) =>
  `<!doctype html><html lang="${lang}"><head></head><body><nav><a href="/">Home</a></nav><main><article>${body}</article></main></body></html>`

const EN = [
  ['Storage', 'Keep the seeds in a paper bag in a cool and dry cupboard, away from the light, until the ground is warm enough.'],
  ['Sowing', 'Sow them a finger deep in rows a hand apart, and water gently every second evening until the first leaves show.'],
  ['Harvest', 'Pick the pods while they are still young and tender, a few at a time, so that the plants go on flowering.'],
]
const ES = [
  ['Guardar', 'Guarde las semillas en una bolsa de papel, en un armario fresco y seco, lejos de la luz, hasta que la tierra se caliente.'],
  ['Sembrar', 'Siémbrelas a un dedo de profundidad, en hileras separadas por un palmo, y riegue con suavidad cada dos tardes.'],
  ['Cosechar', 'Recoja las vainas cuando aún son jóvenes y tiernas, unas pocas cada vez, para que las plantas sigan floreciendo.'],
]
const slug = (s: string) => s.toLowerCase()
const sections = (xs: string[][]) => xs.map(([h, p]) => `<h2 id="${slug(h as string)}">${h}</h2><p>${p}</p>`).join('')
const toc = (title: string, xs: string[][]) =>
  `<div class="t1"><h2>${title}</h2><ol>${xs.map(([h]) => `<li><a href="#${slug(h as string)}">${(h as string).slice(0, 4)}</a></li>`).join('')}</ol></div>`
const text = (xs: string[][]) => xs.map(([h, p]) => `${h}\n\n${p}`).join('\n\n')

describe('extract: the title of a table of contents', () => {
  it('goes with the links to the sections of the page', () => {
    assert.equal(bodyOf(page('en', `<p>${EN[0]?.[1]}</p>${toc('What this guide covers', EN)}${sections(EN)}`)), `${EN[0]?.[1]}\n\n${text(EN)}`)
  })
  it('se va con los enlaces a las secciones de la página (Spanish)', () => {
    assert.equal(bodyOf(page('es', `<p>${ES[0]?.[1]}</p>${toc('Lo que encontrará aquí', ES)}${sections(ES)}`)), `${ES[0]?.[1]}\n\n${text(ES)}`)
  })
  it('stays over two links only: no table of contents', () => {
    const two = EN.slice(0, 2)
    assert.equal(
      bodyOf(page('en', `<p>${EN[0]?.[1]}</p>${toc('What this guide covers', two)}${sections(EN)}`)),
      `${EN[0]?.[1]}\n\nWhat this guide covers\n\n${text(EN)}`,
    )
  })
})
