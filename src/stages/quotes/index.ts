import { type Doc, need, withLayer } from '../../core/doc.js'
import type { Stage } from '../../core/stage.js'
import type { Actor, Entity, Quote, QuoteSpeaker, Span, Token } from '../../core/types.js'
import { lazy, loadLexicon } from '../../lexicon/load.js'

interface Cues {
  readonly verbs: readonly string[]
  readonly pronouns: readonly string[]
  readonly via: readonly string[]
  readonly indirect: readonly string[]
}

const cues = lazy(() => {
  const c = loadLexicon<Cues>('quotes/cues.json')
  return { verbs: new Set(c.verbs), indirect: new Set(c.indirect), pronouns: new Set(c.pronouns), via: [...c.via].sort((a, b) => b.length - a.length) }
})

// how far (in tokens) after a closing quote or before an opening one the attribution may stand
const ATTRIBUTION_WINDOW = 8
// a single quoted word is a label ('so-called "moderate" rebels'), not someone's words
const MIN_QUOTE_WORDS = 2

interface Mark extends Span {
  readonly content: Span
}

/**
 * The `quotes` stage: direct quotes (straight and curly marks, partial quotes, quotes
 * that continue the previous speaker) and indirect speech ("Lavrov said Moscow ..."),
 * with cue verb, speaker (pronouns resolved to the last named person) and the secondary
 * source ("as cited by TASS").
 *
 * @example
 *   createQuotesStage()
 */
export function createQuotesStage(): Stage {
  return {
    name: 'quotes',
    needs: ['tokens', 'sentences', 'entities', 'actors'],
    provides: ['quotes'],
    run(doc: Doc): Doc {
      const text = doc.text
      const tokens = need(doc, 'tokens', 'quotes')
      const entities = need(doc, 'entities', 'quotes')
      const actors = need(doc, 'actors', 'quotes')
      const word = (i: number): string => text.slice((tokens[i] as Token).start, (tokens[i] as Token).end)
      const firstTokenAt = (offset: number): number => {
        let lo = 0
        let hi = tokens.length
        while (lo < hi) {
          const mid = (lo + hi) >> 1
          if ((tokens[mid] as Token).start < offset) lo = mid + 1
          else hi = mid
        }
        return lo
      }
      const quotes: Quote[] = []
      let lastSpeaker: QuoteSpeaker | null = null
      let lastEnd = -1
      for (const mark of quoteMarks(text)) {
        const content = text.slice(mark.content.start, mark.content.end)
        if (content.trim().split(/\s+/).length < MIN_QUOTE_WORDS) continue
        const after = firstTokenAt(mark.end)
        const before = firstTokenAt(mark.start) - 1
        // a partial quote inside a sentence belongs to that sentence's speaker:
        // "al-Shaibani acknowledged Syria is facing “challenges and threats”"
        const inside =
          before >= 0 && (tokens[before] as Token).sentence === (tokens[before + 1] as Token | undefined)?.sentence && !/^[.!?:]$/.test(word(before))
        let attribution = inside ? (attributionBefore(before) ?? attributionAfter(after)) : (attributionAfter(after) ?? attributionBefore(before))
        // a quote that follows the previous one with no attribution continues it
        let speaker: QuoteSpeaker | null = attribution?.speaker ?? null
        if (!speaker && lastSpeaker && mark.start - lastEnd < 400) speaker = lastSpeaker
        if (!attribution && !speaker) attribution = null
        quotes.push({
          start: mark.content.start,
          end: mark.content.end,
          text: content,
          direct: true,
          speaker,
          cue: attribution?.cue ?? null,
          via: attribution?.via ?? null,
        })
        if (speaker) lastSpeaker = speaker
        lastEnd = mark.end
      }
      quotes.push(...indirectQuotes())
      quotes.sort((a, b) => a.start - b.start)
      return withLayer(doc, 'quotes', quotes)

      function attributionAfter(i: number): { speaker: QuoteSpeaker | null; cue: Span & { text: string }; via: string | null } | null {
        for (let k = i; k < Math.min(tokens.length, i + ATTRIBUTION_WINDOW); k++) {
          const w = word(k).toLowerCase()
          if (/^[“"]$/.test(w)) break
          if (!cues().verbs.has(w)) continue
          const t = tokens[k] as Token
          // "..., he said" — speaker before the cue; "..., said Lavrov" — after it
          const speaker = speakerBetween(i, k) ?? speakerBetween(k + 1, Math.min(tokens.length, k + 5))
          return { speaker, cue: { start: t.start, end: t.end, text: word(k) }, via: viaAfter(k + 1) }
        }
        return null
      }

      function attributionBefore(i: number): { speaker: QuoteSpeaker | null; cue: Span & { text: string }; via: string | null } | null {
        const sentence = (tokens[i] as Token | undefined)?.sentence
        for (let k = i; k >= 0 && k > i - ATTRIBUTION_WINDOW * 2; k--) {
          if ((tokens[k] as Token).sentence !== sentence) break
          const w = word(k).toLowerCase()
          if (!cues().verbs.has(w)) continue
          const t = tokens[k] as Token
          let s = k
          while (s > 0 && (tokens[s - 1] as Token).sentence === sentence) s--
          return { speaker: speakerBetween(s, k), cue: { start: t.start, end: t.end, text: word(k) }, via: null }
        }
        return null
      }

      /** The speaker mentioned in tokens [from, to): the last named person or actor, or a pronoun resolved back. */
      function speakerBetween(from: number, to: number): QuoteSpeaker | null {
        if (from >= to) return null
        const lo = (tokens[from] as Token).start
        const hi = (tokens[to - 1] as Token).end
        // people speak before organisations, organisations before countries ("Syria is facing")
        const inRange = <T extends Span>(xs: readonly T[]): T[] => xs.filter((x) => x.start >= lo && x.end <= hi).sort((a, b) => b.end - a.end)
        const named = inRange(entities.filter((e) => e.type === 'PER'))[0] ?? inRange(entities.filter((e) => e.type === 'ORG'))[0] ?? inRange(actors)[0]
        if (named) return speakerFrom(named)
        for (let k = from; k < to; k++) {
          if (!cues().pronouns.has(word(k).toLowerCase())) continue
          const t = tokens[k] as Token
          const antecedent = lastPersonBefore(t.start)
          return { start: t.start, end: t.end, text: word(k), actor: antecedent?.actor ?? null, name: antecedent?.name ?? null }
        }
        return null
      }

      function speakerFrom(x: Actor | Entity): QuoteSpeaker {
        const actor = 'code' in x ? x : actors.find((a) => a.start <= x.start && x.end <= a.end)
        return { start: x.start, end: x.end, text: x.text, actor: actor?.code ?? null, name: actor?.name ?? x.text }
      }

      function lastPersonBefore(offset: number): QuoteSpeaker | null {
        const person = entities.filter((e) => e.type === 'PER' && e.end <= offset).sort((a, b) => b.end - a.end)[0]
        return person ? speakerFrom(person) : null
      }

      function viaAfter(i: number): string | null {
        const rest = text.slice(
          (tokens[i] as Token | undefined)?.start ?? text.length,
          (tokens[Math.min(tokens.length - 1, i + 10)] as Token | undefined)?.end ?? text.length,
        )
        for (const v of cues().via) {
          const at = rest.toLowerCase().indexOf(`${v} `)
          if (at < 0 || at > 20) continue
          const source = entities.find(
            (e) => e.start >= (tokens[i] as Token).start + at + v.length && e.start <= (tokens[i] as Token).start + at + v.length + 2,
          )
          if (source) return source.text
        }
        return null
      }

      /** "Lavrov said Moscow is closely following ...": a cue verb with a named or pronoun subject and a clause. */
      function indirectQuotes(): Quote[] {
        const out: Quote[] = []
        for (let k = 1; k < tokens.length - 2; k++) {
          const w = word(k).toLowerCase()
          if (!cues().indirect.has(w)) continue
          const t = tokens[k] as Token
          const next = word(k + 1)
          // "said during a visit", "pledged to continue": no reported clause follows
          if (/^[,.:“"”]$/.test(next) || /^(ADP|PART|PUNCT|ADV|AUX)$/.test((tokens[k + 1] as Token).pos)) continue
          let s = k
          while (s > 0 && (tokens[s - 1] as Token).sentence === t.sentence && k - s < 6 && !/^[,“"”]$/.test(word(s - 1))) s--
          const speaker = speakerBetween(s, k)
          if (!speaker) continue
          let from = k + 1
          if (word(from).toLowerCase() === 'that') from++
          let to = from
          while (to < tokens.length && (tokens[to] as Token).sentence === t.sentence) to++
          const first = tokens[from] as Token | undefined
          const last = tokens[to - 1] as Token | undefined
          if (!first || !last || to - from < 3) continue
          const end = /^[.!?]$/.test(word(to - 1)) ? (tokens[to - 2] as Token).end : last.end
          out.push({
            start: first.start,
            end,
            text: text.slice(first.start, end),
            direct: false,
            speaker,
            cue: { start: t.start, end: t.end, text: word(k) },
            via: null,
          })
        }
        return out
      }
    },
  }
}

/** Pairs of quotation marks: “...” and "..." (a quote may run over paragraphs). */
export function quoteMarks(text: string): Mark[] {
  const out: Mark[] = []
  const re = /“(?<curly>[^“”]{1,5000})”|"(?<straight>[^"]{1,5000})"/g
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index
    const end = m.index + m[0].length
    out.push({ start, end, content: { start: start + 1, end: end - 1 } })
  }
  return out
}
