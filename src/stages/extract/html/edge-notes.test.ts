import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDoc } from '../../../core/doc.js'
import { stageContext } from '../../context.js'
import { createExtractStage } from '../index.js'
import { isStamp } from './edge-stamps.js'

const ctx = stageContext('2025-07-31')
const bodyOf = (html: string): string | undefined => createExtractStage().run(createDoc({ html }, 't'), ctx).layers.article?.text
const page = (lang: string, body: string, head = '') =>
  `<!doctype html><html lang="${lang}"><head>${head}</head><body><nav><a href="/">Home</a></nav>${body}<footer><p>Site</p></footer></body></html>`

const EN = [
  'The council approved the new cycle lanes on Tuesday after a debate that lasted well into the evening, with nine votes in favour.',
  'Work on the first stretch along the river starts in the autumn and should be finished before the end of next year.',
  'Shop owners on the high street had asked for more parking, but the plan moves the spaces to a side road instead.',
]
const ES = [
  'El ayuntamiento aprobó el martes los nuevos carriles bici tras un debate que se alargó hasta la noche, con nueve votos a favor.',
  'Las obras del primer tramo junto al río empezarán en otoño y deberían terminar antes de que acabe el año que viene.',
  'Los comerciantes de la calle mayor pedían más aparcamiento, pero el plan traslada las plazas a una calle lateral.',
]
const ps = (xs: readonly string[]) => xs.map((x) => `<p>${x}</p>`).join('')

describe('extract: date lines at the edges of the body', () => {
  it('tells a moment written with digits from a year or a number alone', () => {
    for (const s of ['Dec 19, 2025', '15 Dec, 2025', 'Updated at 1:23 p.m.', 'Actualizado: 18/03/2025', '12 de mayo de 2024 - 09:15']) assert.ok(isStamp(s), s)
    for (const s of ['The bridge opened in 2019.', 'Serves 4', '3 min read', 'Population 12,500']) assert.ok(!isStamp(s), s)
  })

  const CASES: [string, string, string][] = [
    [
      'a date over the body and an update time under it, without a class that names them',
      page('en', `<main><div class="a1"><p>Tuesday, March 18, 2025</p>${ps(EN)}<p>Updated at 4:05 p.m.</p></div></main>`),
      EN.join('\n\n'),
    ],
    [
      'la fecha sobre el cuerpo y la hora de la actualización debajo (Spanish)',
      page('es', `<main><div class="a1"><div>18/03/2025 10:30</div>${ps(ES)}<div>Actualizado: 18.03.2025, 14:05</div></div></main>`),
      ES.join('\n\n'),
    ],
    [
      'a short sentence with a year inside the body, a dated list and a quoted post signed with its date stay',
      page(
        'en',
        `<main><div class="a1">${ps(EN.slice(0, 2))}<p>Planning began in 2021.</p><p>${EN[2]}</p>` +
          `<ul><li>March 3, 2025: first hearing</li><li>April 7, 2025: second hearing</li><li>May 5, 2025: vote</li></ul>` +
          `<blockquote><p>The lanes are a good start for the whole town.</p>— Mia Lee (@mialee) March 18, 2025</blockquote></div></main>`,
      ),
      `${EN[0]}\n\n${EN[1]}\n\nPlanning began in 2021.\n\n${EN[2]}\n\nMarch 3, 2025: first hearing\n\nApril 7, 2025: second hearing\n\nMay 5, 2025: vote\n\nThe lanes are a good start for the whole town.\n\n— Mia Lee (@mialee) March 18, 2025`,
    ],
  ]
  for (const [why, html, text] of CASES) it(why, () => assert.equal(bodyOf(html), text))
})

describe("extract: the author's box under the body", () => {
  const CASES: [string, string, string][] = [
    [
      'a box of its own after the body that opens with the name the byline gives, under a title',
      page(
        'en',
        `<main><div class="b1"><div class="b2">${ps(EN)}</div>` +
          `<div class="b7"><div class="b8"><img src="/a.jpg" alt=""><span>Staff writer</span></div><div class="b9"><p>Sam Porter covers local politics and transport and has reported from the town hall for ten years.</p></div></div></div></main>`,
        '<meta name="author" content="Sam Porter">',
      ),
      EN.join('\n\n'),
    ],
    [
      'la nota sobre la autora en una caja propia (Spanish)',
      page(
        'es',
        `<main><div class="b1"><div class="b2">${ps(ES)}</div>` +
          `<div class="b7"><p>Lucía Gómez es periodista y escribe sobre urbanismo y movilidad desde hace quince años.</p><p>Vive en el centro y va a todas partes en bicicleta.</p></div></div></main>`,
        '<meta name="author" content="Lucía Gómez">',
      ),
      ES.join('\n\n'),
    ],
    [
      'a note on the author over the body, in a box of its own in the header',
      page(
        'en',
        `<main><div class="b1"><div class="h1"><div class="h2"><p>Sam covers local politics and transport for the paper and has reported from the town hall for ten years.</p></div></div><div class="b2">${ps(EN)}</div></div></main>`,
        '<meta name="author" content="Sam Porter">',
      ),
      EN.join('\n\n'),
    ],
    [
      "the body's last paragraph that names the author, and a row of questions that opens with the same word, stay",
      page(
        'en',
        `<main><div class="b1"><div class="b2">${ps(EN)}<p>Sam Porter contributed reporting from the council chamber.</p>` +
          `<div class="faq"><div class="q"><h3>Who pays?</h3><p>Sam and the other residents pay through the local tax.</p></div>` +
          `<div class="q"><h3>When?</h3><p>The lanes open next year.</p></div></div></div></div></main>`,
        '<meta name="author" content="Sam Porter">',
      ),
      `${EN.join('\n\n')}\n\nSam Porter contributed reporting from the council chamber.\n\nWho pays?\n\nSam and the other residents pay through the local tax.\n\nWhen?\n\nThe lanes open next year.`,
    ],
  ]
  for (const [why, html, text] of CASES) it(why, () => assert.equal(bodyOf(html), text))
})

describe('extract: boxes named for what they are', () => {
  const DE = [
    'Der Stadtrat hat am Dienstag die neuen Radwege beschlossen, nach einer Debatte, die bis in den späten Abend dauerte.',
    'Die Arbeiten am ersten Abschnitt entlang des Flusses beginnen im Herbst und sollen bis Ende nächsten Jahres fertig sein.',
  ]
  const CASES: [string, string, string][] = [
    [
      'legal notes under the body in a box named "disclosures"',
      page(
        'en',
        `<main><div class="c1">${ps(EN)}<div id="disclosures"><p>All figures are estimates and may change without notice; past results do not promise future ones.</p></div></div></main>`,
      ),
      EN.join('\n\n'),
    ],
    [
      'la fecha en una caja "pub-date" sobre el cuerpo (Spanish)',
      page('es', `<main><div class="c1"><div class="pub-date">Publicado el martes por la tarde</div>${ps(ES)}</div></main>`),
      ES.join('\n\n'),
    ],
    [
      'ein Aufruf in einer Box "call-to-action" unter dem Text (German)',
      page(
        'de',
        `<main><div class="c1">${ps(DE)}<div class="box-call-to-action"><p>Haben Sie das ausprobiert? Schreiben Sie uns, wie es Ihnen gefallen hat, und teilen Sie Ihre Fotos mit der Redaktion.</p></div></div></main>`,
      ),
      DE.join('\n\n'),
    ],
  ]
  for (const [why, html, text] of CASES) it(why, () => assert.equal(bodyOf(html), text))
})
