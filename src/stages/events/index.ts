import { type Doc, need, withLayer } from '../../core/doc.js'
import type { Stage } from '../../core/stage.js'
import type { Actor, Event, EventParty, Modality, Span, Token } from '../../core/types.js'
import { sentenceTokenRanges } from '../segment/index.js'
import { cameoCode } from './codebook.js'
import { lemmaOf, type Trigger, triggersByLemma } from './triggers.js'

// how far (tokens) from its trigger a source or target may stand
const SOURCE_WINDOW = 15
const TARGET_WINDOW = 12
const NEGATORS = new Set(['not', "n't", 'never', 'no'])
const FUTURE = new Set(['will', "'ll", 'shall', 'would'])
const HYPOTHETICAL = new Set(['may', 'might', 'could', 'can', 'should', 'if'])
const REPORTED = new Set(['reportedly', 'allegedly', 'purportedly', 'reported', 'claimed'])
const BE = new Set(['was', 'were', 'been', 'being', 'is', 'are', 'be', 'got'])
// pronouns that refer back to a country or organisation: "Earlier this month it resumed airstrikes"
const COLLECTIVE_PRONOUNS = new Set(['it', 'they', 'its', 'their'])

/**
 * The `events` stage: in each sentence, triggers from the dictionary (verbs with their
 * particles, objects and to-infinitives; nouns with their prepositions) and the actors
 * around them -> CAMEO/PLOVER events with source, target, negation, modality, date, place
 * and evidence. Passive voice swaps source and target; symmetric triggers ("clashes
 * between A, B and C") give one event per pair of parties.
 *
 * @example
 *   createEventsStage()
 */
export function createEventsStage(): Stage {
  return {
    name: 'events',
    needs: ['tokens', 'sentences', 'actors', 'dates', 'places', 'quotes', 'article'],
    provides: ['events'],
    run(doc: Doc, ctx): Doc {
      const text = doc.text
      const tokens = need(doc, 'tokens', 'events')
      const sentences = need(doc, 'sentences', 'events')
      const actors = need(doc, 'actors', 'events')
      const dates = need(doc, 'dates', 'events')
      const places = need(doc, 'places', 'events')
      const quotes = need(doc, 'quotes', 'events')
      const article = need(doc, 'article', 'events')
      const words = tokens.map((t) => text.slice(t.start, t.end))
      const lower = words.map((w) => w.toLowerCase())
      // each token's actor, when it is inside one
      const actorAt = new Array<Actor | undefined>(tokens.length)
      for (const a of actors)
        for (let i = 0; i < tokens.length; i++) if ((tokens[i] as Token).start >= a.start && (tokens[i] as Token).end <= a.end) actorAt[i] = a
      const events: Event[] = []
      const ranges = sentenceTokenRanges(tokens, sentences.length)
      ranges.forEach((r, si) => {
        for (let i = r.start; i < r.end; i++) {
          const t = tokens[i] as Token
          if (t.pos === 'PROPN' || t.pos === 'PUNCT' || actorAt[i]) continue
          const match = bestTrigger(i, r)
          if (!match) continue
          const { trigger, last } = match
          const parties = findParties(i, last, trigger, r)
          for (const [source, target] of parties) {
            const code = cameoCode(trigger.code)
            if (!code) continue
            const sentence = sentences[si] as Span
            events.push({
              source: party(source),
              target: party(target),
              cameo: code.code,
              cameoName: code.name,
              plover: code.plover,
              goldstein: code.goldstein,
              quad: code.quad,
              negated: isNegated(i, r),
              modality: modality(i, r, t),
              date: dates.find((d) => d.start >= sentence.start && d.end <= sentence.end && d.type === 'DATE')?.value ?? article.published ?? ctx.today,
              place: placeIn(sentence, [source, target]),
              sentence: { start: sentence.start, end: sentence.end },
              trigger: { start: t.start, end: (tokens[last] as Token).end, text: text.slice(t.start, (tokens[last] as Token).end) },
              rule: `${trigger.pos}:${trigger.lemma}${trigger.particle ? ` ${trigger.particle}` : ''}${trigger.object ? ` +${trigger.object[0]}` : ''}`,
              confidence: confidence(source, target, i),
            })
          }
        }
      })
      return withLayer(doc, 'events', dedupe(events))

      /** The most specific dictionary entry that fits the words at i: with object > particle > plain. */
      function bestTrigger(i: number, r: Span): { trigger: Trigger; last: number } | null {
        // "air strikes": two-word nominal triggers are tried first
        const two = i + 1 < r.end ? lemmaOf(`${lower[i]}${lower[i + 1]}`) : ''
        const entries = (two && triggersByLemma().get(two)) || triggersByLemma().get(lemmaOf(lower[i] ?? ''))
        if (!entries) return null
        const spanLast = two && triggersByLemma().get(two) ? i + 1 : i
        const pos = (tokens[i] as Token).pos
        let best: { trigger: Trigger; last: number; score: number } | null = null
        for (const e of entries) {
          if (e.pos === 'verb' && (pos === 'DET' || pos === 'ADP')) continue
          let last = spanLast
          let score = 1
          if (e.particle) {
            const at = lower.slice(last + 1, Math.min(r.end, last + 3)).indexOf(e.particle)
            if (at < 0) continue
            score += 2
          }
          if (e.object) {
            const objects = lower.slice(last + 1, Math.min(r.end, last + 6)).map(lemmaOf)
            if (!objects.some((o) => e.object?.includes(o))) continue
            score += 3
          }
          if (e.complement === 'to-inf') {
            const window = lower.slice(last + 1, Math.min(r.end, last + 6))
            if (!window.includes('to')) continue
            score += 1
          }
          if (!best || score > best.score) best = { trigger: e, last, score }
          last = spanLast
        }
        return best ? { trigger: best.trigger, last: best.last } : null
      }

      function findParties(i: number, last: number, trigger: Trigger, r: Span): [Actor, Actor][] {
        const preps = typeof trigger.prep === 'string' ? [trigger.prep] : (trigger.prep ?? [])
        // symmetric nouns: "clashes between Druze militias, Bedouin tribes, and government forces"
        if (trigger.symmetric) {
          const after = distinctActors(last + 1, Math.min(r.end, last + 1 + TARGET_WINDOW * 2))
          const before = actorBefore(i, r)
          const all = after.length >= 2 ? after : before && after.length === 1 ? [before, ...after] : []
          const pairs: [Actor, Actor][] = []
          for (let a = 0; a < all.length; a++)
            for (let b = a + 1; b < all.length; b++)
              if (all[a]?.code !== all[b]?.code || all[a]?.id !== all[b]?.id) pairs.push([all[a] as Actor, all[b] as Actor])
          return pairs
        }
        // passive: "Assad ... was replaced by HTS leader Ahmed al-Sharaa"
        const passive = i > r.start && BE.has(lower[i - 1] ?? '') && /(ed|en)$/.test(lower[i] ?? '')
        if (passive) {
          const byAt = lower.indexOf('by', last + 1)
          const agent = byAt >= 0 && byAt < r.end ? distinctActors(byAt + 1, Math.min(r.end, byAt + 6))[0] : undefined
          const patient = actorBefore(i, r)
          return agent && patient ? [[agent, patient]] : []
        }
        let source: Actor | undefined
        if (trigger.pos === 'noun') {
          // "Israel's airstrikes on Syria": the possessor, else the subject of the verb that governs the noun
          const possessor = i >= 2 && /^['’]s$/.test(lower[i - 1] ?? '') ? actorAt[i - 2] : undefined
          source = possessor ?? actorBefore(i, r)
        } else source = actorBefore(i, r)
        let targetFrom = last + 1
        if (preps.length) {
          const at = lower.slice(last + 1, Math.min(r.end, last + 4)).findIndex((w) => preps.includes(w))
          if (at >= 0) targetFrom = last + 2 + at
          else if (trigger.pos === 'noun') return []
        }
        const target = distinctActors(targetFrom, Math.min(r.end, targetFrom + TARGET_WINDOW)).find(
          (a) => !source || a.id !== source.id || a.start !== source.start,
        )
        return source && target && source.code !== target.code ? [[source, target]] : []
      }

      /** The nearest actor before token i in the sentence (a pronoun subject resolved back). */
      function actorBefore(i: number, r: Span): Actor | undefined {
        for (let k = i - 1; k >= Math.max(r.start, i - SOURCE_WINDOW); k--) {
          const a = actorAt[k]
          if (a) return a
          if (COLLECTIVE_PRONOUNS.has(lower[k] ?? '') && (tokens[k] as Token).pos === 'PRON') return antecedent(tokens[k] as Token)
          if (/^(he|she)$/.test(lower[k] ?? '')) return personBefore((tokens[k] as Token).start)
        }
        return undefined
      }

      function antecedent(t: Token): Actor | undefined {
        return [...actors]
          .reverse()
          .find((a) => a.end <= t.start && t.start - a.end < 600 && /^(country|seat|capital-metonymy|registry:organisation)/.test(a.via))
      }

      function personBefore(offset: number): Actor | undefined {
        return [...actors].reverse().find((a) => a.end <= offset && offset - a.end < 600 && /^(registry:|title|coreference)/.test(a.via))
      }

      function distinctActors(from: number, to: number): Actor[] {
        const out: Actor[] = []
        for (let k = from; k < to; k++) {
          const a = actorAt[k]
          if (a && !out.includes(a)) out.push(a)
        }
        return out
      }

      function isNegated(i: number, r: Span): boolean {
        for (let k = i - 1; k >= Math.max(r.start, i - 3); k--) if (NEGATORS.has(lower[k] ?? '')) return true
        return false
      }

      function modality(i: number, r: Span, t: Token): Modality {
        const before = lower.slice(Math.max(r.start, i - 4), i)
        if (before.some((w) => FUTURE.has(w)) || before.includes('to')) return 'intended'
        if (before.some((w) => HYPOTHETICAL.has(w))) return 'hypothetical'
        if (quotes.some((q) => !q.direct && q.start <= t.start && t.end <= q.end)) return 'reported'
        if (lower.slice(r.start, r.end).some((w) => REPORTED.has(w))) return 'reported'
        return 'asserted'
      }

      function placeIn(sentence: Span, parties: Actor[]): Event['place'] {
        const p = places.find((x) => x.start >= sentence.start && x.end <= sentence.end && !parties.some((a) => a.start <= x.start && x.end <= a.end))
        return p ? { name: p.name, lat: p.lat, lon: p.lon } : null
      }

      function confidence(source: Actor, target: Actor, i: number): number {
        const distance = Math.min(Math.abs(source.start - (tokens[i] as Token).start), Math.abs(target.start - (tokens[i] as Token).start))
        const near = distance < 60 ? 0.2 : 0
        const guessed = [source, target].some((a) => a.via.startsWith('role+article') || a.via === 'role') ? -0.2 : 0
        return Math.round((0.6 + near + guessed) * 100) / 100
      }
    },
  }
}

const party = (a: Actor): EventParty => ({ code: a.code, text: a.text, start: a.start, end: a.end })

/** One event per (source, target, code, trigger): the same words never count twice. */
function dedupe(events: Event[]): Event[] {
  const seen = new Set<string>()
  return events.filter((e) => {
    const key = `${e.source?.start}:${e.target?.start}:${e.cameo}:${e.trigger.start}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
