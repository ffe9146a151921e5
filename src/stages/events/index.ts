import { type Doc, need, withLayer } from '../../core/doc.js'
import { kept, messagesFrom, type Refined } from '../../core/messages.js'
import { sentenceTokenRanges } from '../../core/tokens.js'
import type { Actor, Event, EventParty, Message, Span, Token } from '../../core/types.js'
import { lazy, loadLexicon } from '../../lexicon/load.js'
import type { PipelineStage } from '../context.js'
import { findTriggers, personNouns, type TriggerMatch } from './01-triggers.js'
import { findPairs, type Pair } from './02-arguments.js'
import { codeOf, topicCoding } from './03-code.js'
import { governedBy, governedModality, isCommitment, isNegated, isWilling, learnedModality, modalityOf } from './04-modality.js'
import { clauseDate, confidenceOf, isBackground, placeIn } from './05-anchor.js'
import { dedupe, isAssassination, mergeRepeats, toldAnew, violenceCode } from './06-refine.js'
import { isAnaphor } from './anaphora.js'
import { cameoCode } from './codebook.js'
import { type EventContext, eventContextOf } from './context.js'
import { defaultEventModels, judgeTrigger, MARGINS } from './learned/model.js'
import type { TriggerMention } from './mention.js'
import { dropQuestions } from './refiners/01-questions.js'
import { dropAskedFor } from './refiners/02-asked-for.js'
import { dropSports } from './refiners/03-sports.js'
import { ordinaryCrime } from './refiners/04-crime.js'
import { dropBareStatements } from './refiners/05-statements.js'
import { dropProtestAims } from './refiners/06-protest-aims.js'
import { dropReferences } from './refiners/07-references.js'
import { blamesAdversary, isStatement } from './statements.js'
import { storyCountry } from './story-country.js'

/**
 * The `events` stage: in each sentence, triggers from the dictionary (verbs with their
 * particles, objects and to-infinitives; nouns with their prepositions) and the actors
 * around them -> CAMEO/PLOVER events with source, target, negation, modality, date, place
 * and evidence. Passes run in file order over arrays: 01 triggers, then the refiners
 * (`refiners/`: questions, acts asked for, sport, bare statements, protests' aims, references;
 * each drop a message), 02 actor pairs (`frames/`; a pair that makes the act an ordinary
 * crime, refiner 4, is dropped with a message; an unnamed agent takes the story's country),
 * the learned role model may choose another source or target (`learned/roles.ts`),
 * 03 code, 04 modality, 05 date, place and confidence, 06 duplicates removed, and a later
 * sentence's report of an act already coded made a further mention of it.
 *
 * @example
 *   createEventsStage()
 */
export function createEventsStage(): PipelineStage {
  return {
    name: 'events',
    needs: ['tokens', 'sentences', 'parse', 'actors', 'dates', 'places', 'quotes', 'article'],
    provides: ['events'],
    run(doc: Doc, ctx): Doc {
      const tokens = need(doc, 'tokens', 'events')
      const sentences = need(doc, 'sentences', 'events')
      const article = need(doc, 'article', 'events')
      const ec = eventContextOf(doc, 'events')
      const text = doc.text
      const messages: Message[] = []
      const keep = (r: Refined<TriggerMention>): TriggerMention[] => kept(r, messages, report, (item) => triggerSpan(tokens, item.match))
      const found: TriggerMention[] = sentenceTokenRanges(tokens, sentences.length).flatMap((range, sentence) =>
        findTriggers(ec, range, (m, why) =>
          messages.push(report('model-no-event', `"${m.trigger.lemma}" is no event (${why})`, triggerSpan(tokens, m), 'info')),
        ).map((match) => ({ match, sentence, range })),
      )
      const refined = keep(dropSports(ec, keep(dropAskedFor(ec, keep(dropQuestions(found, text, sentences)))), sentences))
      const mentions = keep(dropReferences(ec, keep(dropProtestAims(ec, keep(dropBareStatements(ec, refined))))))
      const events: Event[] = []
      const located = storyCountry(ec)
      // the events dated by their own clause, not by the article (see mergeRepeats)
      const dated = new Set<Event>()
      // the events the text marks as a new occurrence of an act ("again", "another")
      const anew = new Set<Event>()
      // each event's trigger token, and each plain statement's reported clauses (for the accusation rule)
      const triggerAt = new Map<Event, number>()
      const reports = new Map<Event, number[]>()
      // the events whose party's country was inferred from the story, not named (no side to blame)
      const inferred = new Set<Event>()
      for (const { match: m, sentence: si, range: r, act } of mentions) {
        const sentence = sentences[si] as Span
        const { pairs: found, decided: roles } = findPairs(ec, m, r)
        // an act whose parties the text leaves implicit is still an event when the trigger model calls it one
        const implicit = found.length ? null : partyless(ec, m, r)
        if (!found.length && !implicit) {
          messages.push(report('no-parties', `"${m.trigger.lemma}" has neither a source nor a target in its sentence`, triggerSpan(tokens, m), 'info'))
          continue
        }
        const pairs: readonly Pair[] = found.length ? found : [[null, null]]
        const t = tokens[m.at] as Token
        // "held talks": a light verb's object names the act, so its word is the event's trigger
        const named = m.objectAt !== null && lightVerbs().has(m.trigger.lemma) ? (tokens[m.objectAt] as Token) : null
        // "expressed its condolences", "fired tear gas": a verb whose entry needs its object names the act with it
        // (not an object that names a party: "expelled the Sudanese ambassador" is an expulsion of him)
        const lastWord = m.objectAt !== null && m.objectAt > m.last && m.objectAt - m.last <= OBJECT_SPAN ? objectEnd(ec, m.objectAt, r) : m.last
        const lastToken = tokens[namesParty(ec, m.last + 1, lastWord) ? m.last : lastWord] as Token
        const modality = modalityOf(ec, m.at, r)
        const negated = isNegated(ec, m.at, r)
        const coded = codeOf(m, modality, negated, isCommitment(ec, m.at, r), isWilling(ec, m.at, r), act)
        if (!coded) continue
        const coding = topicCoding(ec, coded, m, r)
        const { trigger } = m
        const governing = governedBy(ec, m.at, r)
        const learned = learnedModality(ec, m, r, coding, modality, negated, governing)
        // the verb governing the trigger has the last word: "denied shelling", "planning to arrest", "failed to attend"
        const governed = governedModality(ec, m.at, r, coding.code.code, learned, governing)
        const rule = `${trigger.pos}:${trigger.lemma}${trigger.particle ? ` ${trigger.particle}` : ''}${trigger.object ? ` +${trigger.object[0]}` : ''}${coding.recoded ? ` >${coding.recoded}` : ''}${trigger.decided ? ` (${trigger.decided})` : ''}${learned.note}${governed.note}${implicit ? ` >no parties (${implicit})` : ''}`
        const ownDate = clauseDate(ec, sentence, t)
        const again = toldAnew(ec, m.at, m.last, r)
        // a background act with no date of its own is not dated to the article
        const date = ownDate ?? (isBackground(ec, m.at, r) ? null : (article.published ?? ctx.today))
        for (const [foundSource, foundTarget] of pairs) {
          // an unnamed agent of no stated side takes the country where the act happens, else the story's
          const s = located(foundSource, sentence)
          const g = located(foundTarget, sentence)
          const source = s.party
          const target = g.party
          const localised = s.country || g.country ? ` >country ${s.country ?? g.country}` : ''
          // "he", "the ministry": what the words refer back to (anaphora.ts)
          const referred = [source, target].map((a) => (a && isAnaphor(a) ? ` >refers ${a.text}=${a.name}` : '')).join('')
          const special = isAssassination(coding.code.code, trigger.lemma, target) ? cameoCode('186') : null
          const violence = special ? null : violenceCode(ec, coding.code.code, trigger.lemma, source, target, r)
          const code = special ?? (violence ? cameoCode(violence) : null) ?? coding.code
          const crime = ordinaryCrime(trigger.lemma, code.code, source, target)
          if (crime) {
            messages.push(report('ordinary-crime', `${crime}: ordinary crime codes no event (${rule})`, triggerSpan(tokens, m), 'info'))
            continue
          }
          const event: Event = {
            source: party(source),
            target: party(target),
            cameo: code.code,
            cameoName: code.name,
            plover: code.plover,
            goldstein: code.goldstein,
            quad: code.quad,
            negated: governed.negated,
            modality: governed.modality,
            date,
            place: placeIn(ec, sentence, [source, target]),
            sentence: { start: sentence.start, end: sentence.end },
            trigger: named
              ? { start: named.start, end: named.end, text: text.slice(named.start, named.end) }
              : { start: t.start, end: lastToken.end, text: text.slice(t.start, lastToken.end) },
            rule: `${rule}${localised}${referred}${special ? ' >assassination' : ''}${violence ? ` >violence ${violence}` : ''}${roles ? ` (${roles})` : ''}`,
            confidence: confidenceOf(source, target, t),
          }
          events.push(event)
          triggerAt.set(event, m.at)
          if (localised) inferred.add(event)
          if (code.code === '010' && isStatement(m)) reports.set(event, ec.view.reportedClauses(m.at))
          if (ownDate) dated.add(event)
          if (again) anew.add(event)
        }
      }
      const coded = accusations(ec, events, { triggerAt, reports, inferred })
      return withLayer(doc, 'events', mergeRepeats(dedupe(coded), dated, anew), { messages })
    },
  }
}

// how many words after a trigger the object an entry needs may stand and still be part of the trigger's words
const OBJECT_SPAN = 4

/** The last word of an entry's object: the noun its matched word describes ("tear [gas]", "live [ammunition]", "joint [statement]"). */
function objectEnd(ec: EventContext, k: number, r: Span): number {
  let last = k
  for (let arc = ec.arcs[last]; arc && /^(compound|amod)/.test(arc.dep) && arc.head > last && arc.head <= last + 2 && arc.head < r.end; arc = ec.arcs[last])
    last = arc.head
  // "tear gas" read as a verb and its object: the two words still name one thing
  if (last === k && ec.tokens[k + 1]?.pos === 'NOUN' && ec.arcs[k + 1]?.head === k) last = k + 1
  return last
}

/**
 * Whether the words from..to name something besides the act: an actor or a word for people
 * ("the Sudanese [ambassador]", "the [hostages]"), or a noun before the object's own words
 * ("urged [regional powers] to support").
 */
const namesParty = (ec: EventContext, from: number, to: number): boolean => {
  for (let k = from; k <= to; k++) {
    if (ec.actorAt[k] || personNouns().has(ec.lower[k] ?? '')) return true
    const pos = ec.tokens[k]?.pos
    if ((pos === 'NOUN' || pos === 'PROPN') && ec.arcs[k]?.dep !== 'compound' && k < to - 1) return true
  }
  return false
}

const party = (a: Actor | null): EventParty | null => (a ? { code: a.code, text: a.text, start: a.start, end: a.end } : null)

const report = messagesFrom('events')

const lightVerbs = lazy(() => new Set(loadLexicon<{ lemmas: string[] }>('events/light-verbs.json').lemmas))

/** The text span of a trigger's words. */
const triggerSpan = (tokens: readonly Token[], m: TriggerMatch): Span => ({ start: (tokens[m.at] as Token).start, end: (tokens[m.last] as Token).end })

/**
 * Whether a trigger with no actor in its sentence is an event all the same (issue #17: "about
 * 200 demonstrators were arrested", "police firing"): a dictionary trigger the trigger model
 * calls an event by the margin `MARGINS.partyless`. A word only the model made a trigger
 * needs a party ("He added that ...", its speaker unknown, is no event). Returns the decision
 * for the event's rule, or null.
 */
function partyless(ctx: EventContext, m: TriggerMatch, r: Span): string | null {
  if (m.trigger.decided) return null
  const models = defaultEventModels()
  if (!models) return null
  const d = judgeTrigger(models, ctx, m, r)
  return d.root && d.margin >= MARGINS.partyless ? `model ${d.root} +${(d.margin / 1000).toFixed(1)}` : null
}

// the arcs by which a reported act hangs from its clause's verb and is still what the clause says: "said troops launched an attack", "said they shelled and burned the villages"
const CLAUSE_ARCS = new Set(['obj', 'conj', 'xcomp'])

/** Whether token k is the act a reported clause tells: the clause's verb, or a word one of CLAUSE_ARCS below it (never a relative or adverbial clause). */
function actOfClause(ec: EventContext, k: number, clauses: readonly number[]): boolean {
  if (k < 0) return false
  if (clauses.includes(k)) return true
  const arc = ec.arcs[k]
  return !!arc && CLAUSE_ARCS.has(arc.dep) && clauses.includes(arc.head)
}

/** What the accusation rule reads of the events: their trigger tokens, the plain statements' reported clauses, the parties' countries inferred. */
interface Accusable {
  readonly triggerAt: ReadonlyMap<Event, number>
  readonly reports: ReadonlyMap<Event, number[]>
  readonly inferred: ReadonlySet<Event>
}

/**
 * A plain statement that blames another side for a wrongdoing it reports is an accusation,
 * 112, aimed at that side (guide §10: "X said Y did Z"); the act reported stays its own event.
 */
function accusations(ec: EventContext, events: readonly Event[], found: Accusable): Event[] {
  const { triggerAt, reports, inferred } = found
  const accuse = cameoCode('112')
  if (!accuse) return [...events]
  return events.map((e) => {
    const clauses = reports.get(e)
    if (!clauses?.length) return e
    for (const other of events) {
      if (other === e || other.sentence.start !== e.sentence.start || inferred.has(other)) continue
      if (!actOfClause(ec, triggerAt.get(other) ?? -1, clauses)) continue
      const act = {
        cameo: other.cameo,
        modality: other.modality,
        negated: other.negated,
        source: other.source?.code ?? null,
        target: other.target?.code ?? null,
      }
      if (!blamesAdversary(e.source?.code ?? null, act)) continue
      return {
        ...e,
        target: other.source,
        cameo: accuse.code,
        cameoName: accuse.name,
        plover: accuse.plover,
        goldstein: accuse.goldstein,
        quad: accuse.quad,
        rule: `${e.rule} >accuses (${other.trigger.text} ${other.cameo})`,
      }
    }
    return e
  })
}
