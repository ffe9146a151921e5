import { type Doc, need, withLayer } from '../../core/doc.js'
import type { Stage } from '../../core/stage.js'
import type { Actor, Event, EventParty, Modality, Span, Token } from '../../core/types.js'
import { sentenceTokenRanges } from '../segment/index.js'
import { cameoCode, intentCode } from './codebook.js'
import { lemmaOf, type Trigger, triggersByLemma } from './triggers.js'

// how far (tokens) from its trigger a source or target may stand
const SOURCE_WINDOW = 15
const TARGET_WINDOW = 12
const NEGATORS = new Set(['not', "n't", 'never', 'no'])
const FUTURE = new Set(['will', "'ll", 'shall', 'would'])
const HYPOTHETICAL = new Set(['may', 'might', 'could', 'can', 'should', 'if'])
const REPORTED = new Set(['reportedly', 'allegedly', 'purportedly', 'reported', 'claimed'])
// verbs of saying that close a sentence: ", officials said"
const SPEECH = new Set(['said', 'says', 'say', 'told', 'added', 'stated', 'reported', 'according', 'announced', 'claimed', 'noted'])
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
      const tokenAt = new Map(tokens.map((t, i) => [t.start, i]))
      for (const a of actors) {
        for (let i = tokenAt.get(a.start) ?? tokens.length; i < tokens.length && (tokens[i] as Token).end <= a.end; i++) actorAt[i] = a
      }
      const events: Event[] = []
      const ranges = sentenceTokenRanges(tokens, sentences.length)
      ranges.forEach((r, si) => {
        // "Will Russia attack Ukraine?" asks, it does not report
        if (/\?["”’]?$/.test(text.slice((sentences[si] as Span).start, (sentences[si] as Span).end))) return
        // words a trigger used as its object ("lifted [sanctions]") trigger nothing themselves
        const used = new Set<number>()
        for (let i = r.start; i < r.end; i++) {
          const t = tokens[i] as Token
          if (t.pos === 'PROPN' || t.pos === 'PUNCT' || actorAt[i] || used.has(i)) continue
          const match = bestTrigger(i, r)
          if (!match) continue
          const { trigger, last } = match
          if (match.objectAt !== null) used.add(match.objectAt)
          // "air strikes" matched as one trigger: "strikes" is not a second one
          for (let k = i + 1; k <= last; k++) used.add(k)
          const parties = findParties(i, last, trigger, r)
          const mood = modality(i, r, t)
          // "will assist Damascus", "eager to restore ties": an intention to cooperate is root 03
          const intended = mood === 'intended' ? intentCode(trigger.code) : null
          for (const [source, target] of parties) {
            const code = cameoCode(intended ?? trigger.code)
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
              modality: mood,
              date: clauseDate(sentence, t) ?? article.published ?? ctx.today,
              place: placeIn(sentence, [source, target]),
              sentence: { start: sentence.start, end: sentence.end },
              trigger: { start: t.start, end: (tokens[last] as Token).end, text: text.slice(t.start, (tokens[last] as Token).end) },
              rule: `${trigger.pos}:${trigger.lemma}${trigger.particle ? ` ${trigger.particle}` : ''}${trigger.object ? ` +${trigger.object[0]}` : ''}${intended ? ' >intent' : ''}`,
              confidence: confidence(source, target, i),
            })
          }
        }
      })
      return withLayer(doc, 'events', dedupe(events))

      /** The most specific dictionary entry that fits the words at i: with object > particle > plain. */
      function bestTrigger(i: number, r: Span): { trigger: Trigger; last: number; objectAt: number | null } | null {
        // "air strikes": two-word nominal triggers are tried first
        const two = i + 1 < r.end ? lemmaOf(`${lower[i]}${lower[i + 1]}`) : ''
        const entries = (two && triggersByLemma().get(two)) || triggersByLemma().get(lemmaOf(lower[i] ?? ''))
        if (!entries) return null
        const spanLast = two && triggersByLemma().get(two) ? i + 1 : i
        const pos = (tokens[i] as Token).pos
        let best: { trigger: Trigger; last: number; score: number; objectAt: number | null } | null = null
        for (const e of entries) {
          if (e.pos === 'verb' && (pos === 'DET' || pos === 'ADP')) continue
          const last = spanLast
          let score = 1
          if (e.particle) {
            const at = lower.slice(last + 1, Math.min(r.end, last + 3)).indexOf(e.particle)
            if (at < 0) continue
            score += 2
          }
          let objectAt: number | null = null
          if (e.object) {
            const objects = lower.slice(last + 1, Math.min(r.end, last + 6)).map(lemmaOf)
            const at = objects.findIndex((o) => e.object?.includes(o))
            if (at < 0) continue
            objectAt = last + 1 + at
            score += 3
          }
          if (e.complement === 'to-inf') {
            const window = lower.slice(last + 1, Math.min(r.end, last + 6))
            if (!window.includes('to')) continue
            score += 1
          }
          if (!best || score > best.score) best = { trigger: e, last, score, objectAt }
        }
        return best ? { trigger: best.trigger, last: best.last, objectAt: best.objectAt } : null
      }

      function findParties(i: number, last: number, trigger: Trigger, r: Span): [Actor, Actor][] {
        const preps = typeof trigger.prep === 'string' ? [trigger.prep] : (trigger.prep ?? [])
        // symmetric nouns: "clashes between Druze militias, Bedouin tribes, and government forces"
        if (trigger.symmetric) {
          const after = distinctActors(last + 1, Math.min(r.end, last + 1 + TARGET_WINDOW * 2))
          const before = actorBefore(i, r)
          // "India and Pakistan agreed ...": the parties are the coordinated subjects
          const subjects = coordinatedBefore(i, r)
          const all = subjects.length >= 2 ? subjects : after.length >= 2 ? after : before && after.length === 1 ? [before, ...after] : []
          const pairs: [Actor, Actor][] = []
          for (let a = 0; a < all.length; a++)
            for (let b = a + 1; b < all.length; b++)
              if (all[a]?.code !== all[b]?.code || all[a]?.id !== all[b]?.id) pairs.push([all[a] as Actor, all[b] as Actor])
          return pairs
        }
        // passive: "Assad ... was replaced by HTS leader Ahmed al-Sharaa"
        const passive = i > r.start && BE.has(lower[i - 1] ?? '') && /(ed|en)$/.test(lower[i] ?? '')
        if (trigger.voice === 'recipient') {
          // "Assad, who along with his family received political asylum in Moscow"
          const at = lower.slice(last + 1, Math.min(r.end, last + 8)).findIndex((w) => preps.includes(w))
          const from = at >= 0 ? last + 2 + at : last + 1
          const giver = actorAt[from] ?? placeParty(from, Math.min(r.end, from + 3))
          const receiver = actorBefore(i, r)
          return giver && receiver && giver.code !== receiver.code ? [[giver, receiver]] : []
        }
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
          source = possessor ?? actorBefore(i, r, 'noun')
        } else source = actorBefore(i, r, 'verb')
        let targetFrom = last + 1
        if (preps.length) {
          const at = lower.slice(last + 1, Math.min(r.end, last + 4)).findIndex((w) => preps.includes(w))
          if (at >= 0) targetFrom = last + 2 + at
          else if (trigger.pos === 'noun') return []
        }
        const targetEnd = attributionStart(targetFrom, Math.min(r.end, targetFrom + TARGET_WINDOW))
        // "acknowledged Syria is facing ...": the subject of a reported clause is not the target
        const startsClause = (a: Actor): boolean => {
          let k = tokenAt.get(a.start) ?? 0
          while (k < r.end && (tokens[k] as Token).end <= a.end) k++
          return k < r.end && ((tokens[k] as Token).pos === 'AUX' || ((tokens[k] as Token).pos === 'VERB' && !/ing$/.test(lower[k] ?? '')))
        }
        const target = distinctActors(targetFrom, targetEnd).find(
          (a) => (!source || a.id !== source.id || a.start !== source.start) && !(trigger.pos === 'verb' && !trigger.complement && startsClause(a)),
        )
        // force used on a place is used on its country: "invaded the buffer zone near the Golan Heights"
        const onPlace = !target && (cameoCode(trigger.code)?.quad ?? 0) === 4 ? placeParty(targetFrom, targetEnd) : undefined
        const chosen = target ?? onPlace
        return source && chosen && source.code !== chosen.code ? [[source, chosen]] : []
      }

      /** The nearest actor before token i in the sentence (a pronoun subject resolved back). */
      function actorBefore(i: number, r: Span, mode: 'any' | 'verb' | 'noun' = 'any'): Actor | undefined {
        for (let k = i - 1; k >= Math.max(r.start, i - SOURCE_WINDOW); k--) {
          const a = actorAt[k]
          // a verb's subject is no possessor; a noun's agent may be ("Israel’s actions as a violation")
          if (a && mode !== 'any' && !isSubjectLike(a, mode === 'noun')) {
            k = tokenAt.get(a.start) ?? k // skip the rest of this actor's words
            continue
          }
          if (a) return a
          if (COLLECTIVE_PRONOUNS.has(lower[k] ?? '') && (tokens[k] as Token).pos === 'PRON') return antecedent(tokens[k] as Token)
          if (/^(he|she)$/.test(lower[k] ?? '')) return personBefore((tokens[k] as Token).start)
        }
        return undefined
      }

      /**
       * Whether an actor can be the subject of a later verb: not a possessor ("Syria’s
       * transition"), not the object of a preposition ("airstrikes on Syria") or of a verb
       * ("following Syria’s transition and will assist ...").
       */
      function isSubjectLike(a: Actor, allowPossessive: boolean): boolean {
        const first = tokenAt.get(a.start) ?? 0
        let after = first
        while (after < tokens.length && (tokens[after] as Token).end <= a.end) after++
        const next = tokens[after]
        // "Lavrov said Moscow is ...": followed by its verb, it heads a clause of its own
        if (next && (next.pos === 'AUX' || next.pos === 'VERB') && !/^['’]s$/.test(lower[after] ?? '')) return true
        if (/^['’]s$/.test(lower[after] ?? '')) return allowPossessive
        const before = lower[first - 1] === 'the' ? tokens[first - 2] : tokens[first - 1]
        return !(before && (before.pos === 'ADP' || before.pos === 'VERB'))
      }

      /** The country of the first place in tokens [from, to), as a party: "invaded the buffer zone near the Golan Heights". */
      function placeParty(from: number, to: number): Actor | undefined {
        const lo = (tokens[from] as Token | undefined)?.start ?? Number.POSITIVE_INFINITY
        const hi = (tokens[Math.max(from, to - 1)] as Token | undefined)?.end ?? 0
        const p = places.find((x) => x.start >= lo && x.end <= hi && x.country)
        if (!p?.country) return undefined
        return {
          start: p.start,
          end: p.end,
          text: p.text,
          code: p.country,
          country: p.country,
          sector: null,
          name: p.name,
          id: `place:${p.id}`,
          via: 'place-country',
        }
      }

      /**
       * Where a trailing attribution starts in [from, to): "shelled the town, Ukraine’s military
       * said" — the sayer after the comma is not the target.
       */
      function attributionStart(from: number, to: number): number {
        for (let k = from; k < to; k++) {
          if (lower[k] !== ',') continue
          const rest = lower.slice(k + 1, Math.min(tokens.length, k + 8))
          if (rest.some((w) => SPEECH.has(w))) return k
        }
        return to
      }

      /** Actors joined by "and" / commas right before token i: "India and Pakistan agreed". */
      function coordinatedBefore(i: number, r: Span): Actor[] {
        const out: Actor[] = []
        let k = i - 1
        // back over the verb chain: "India and Pakistan [have agreed to] hold talks"
        for (let n = 0; n < 4 && k >= r.start && /^(AUX|PART|VERB|ADV)$/.test((tokens[k] as Token).pos) && !actorAt[k]; n++) k--
        while (k >= r.start) {
          const a = actorAt[k]
          if (!a) break
          out.unshift(a)
          k = (tokenAt.get(a.start) ?? k) - 1
          if (k >= r.start && /^(and|,|&)$/.test(lower[k] ?? '')) k--
          else break
        }
        return out
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

      /**
       * The date of the trigger's clause: a DATE in the sentence with no comma between it and
       * the trigger, or one that opens the sentence ("Earlier this month, clashes erupted").
       * "ties with Moscow, jeopardized following last year’s ouster" keeps the article's date.
       */
      function clauseDate(sentence: Span, t: Token): string | null {
        const inSentence = dates.filter((d) => d.start >= sentence.start && d.end <= sentence.end && d.type === 'DATE')
        const sameClause = (d: { start: number; end: number }): boolean => {
          const between = d.end <= t.start ? text.slice(d.end, t.start) : text.slice(t.end, d.start)
          return !/[,;:()–—]/.test(between) || (d.end <= t.start && !/\S/.test(text.slice(sentence.start, d.start)))
        }
        const near = inSentence.filter(sameClause).sort((a, b) => Math.abs(a.start - t.start) - Math.abs(b.start - t.start))[0]
        return near?.value ?? null
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

/**
 * One event per sentence, source, target and code: "resumed airstrikes on Syria, including
 * attacks on ..." is one use of force, not three.
 */
function dedupe(events: Event[]): Event[] {
  const seen = new Set<string>()
  return events.filter((e) => {
    const key = `${e.sentence.start}:${e.source?.code}:${e.source?.text}:${e.target?.code}:${e.target?.text}:${e.cameo}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
