import { type Doc, need, withLayer } from '../../core/doc.js'
import { sentenceTokenRanges } from '../../core/tokens.js'
import type { Actor, Event, EventParty, Span, Token } from '../../core/types.js'
import type { PipelineStage } from '../context.js'
import { findTriggers, type TriggerMatch } from './01-triggers.js'
import { findPairs } from './02-arguments.js'
import { codeOf, requestedAct, topicCoding } from './03-code.js'
import { isCommitment, isNegated, modalityOf } from './04-modality.js'
import { clauseDate, confidenceOf, placeIn } from './05-anchor.js'
import { dedupe } from './06-refine.js'
import { hasFlag, requestCode } from './codebook.js'
import { eventContext } from './context.js'

/**
 * The `events` stage: in each sentence, triggers from the dictionary (verbs with their
 * particles, objects and to-infinitives; nouns with their prepositions) and the actors
 * around them -> CAMEO/PLOVER events with source, target, negation, modality, date, place
 * and evidence. The passes run in file order: 01 triggers, 02 actor pairs, 03 code,
 * 04 modality, 05 date, place and confidence, 06 duplicates removed.
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
      const ec = eventContext(doc.text, tokens, {
        actors: need(doc, 'actors', 'events'),
        dates: need(doc, 'dates', 'events'),
        places: need(doc, 'places', 'events'),
        quotes: need(doc, 'quotes', 'events'),
        parse: need(doc, 'parse', 'events'),
      })
      const events: Event[] = []
      sentenceTokenRanges(tokens, sentences.length).forEach((r, si) => {
        const sentence = sentences[si] as Span
        // "Will Russia attack Ukraine?" asks, it does not report
        if (/\?["”’]?$/.test(doc.text.slice(sentence.start, sentence.end))) return
        const matches = findTriggers(ec, r)
        // the act an appeal or demand asks for names it, and is no event of its own
        const acts = new Map(matches.map((m) => [m, requestedAct(ec, m, matches)]))
        const asked = new Set<TriggerMatch>()
        // an act inside an appeal's, promise's, demand's, refusal's or threat's complement is asked
        // for, not done, also when the frame already has a code of its own ("demanding that the
        // Turkish government provide information" is 1014 and no sharing of information)
        for (const [m, act] of acts) if (act && (requestCode(m.trigger.code, act.trigger.code) || hasFlag(m.trigger.code, 'asks-for-act'))) asked.add(act)
        for (const m of matches) {
          if (asked.has(m)) continue
          const pairs = findPairs(ec, m, r)
          if (!pairs.length) continue
          const t = tokens[m.at] as Token
          const lastToken = tokens[m.last] as Token
          const modality = modalityOf(ec, m.at, r)
          const negated = isNegated(ec, m.at, r)
          const coded = codeOf(m, modality, negated, isCommitment(ec, m.at, r), acts.get(m))
          if (!coded) continue
          const coding = topicCoding(ec, coded, m, r)
          const { trigger } = m
          const rule = `${trigger.pos}:${trigger.lemma}${trigger.particle ? ` ${trigger.particle}` : ''}${trigger.object ? ` +${trigger.object[0]}` : ''}${coding.recoded ? ` >${coding.recoded}` : ''}`
          for (const [source, target] of pairs) {
            const { code } = coding
            events.push({
              source: party(source),
              target: party(target),
              cameo: code.code,
              cameoName: code.name,
              plover: code.plover,
              goldstein: code.goldstein,
              quad: code.quad,
              negated,
              modality,
              date: clauseDate(ec, sentence, t) ?? article.published ?? ctx.today,
              place: placeIn(ec, sentence, [source, target]),
              sentence: { start: sentence.start, end: sentence.end },
              trigger: { start: t.start, end: lastToken.end, text: doc.text.slice(t.start, lastToken.end) },
              rule,
              confidence: confidenceOf(source, target, t),
            })
          }
        }
      })
      return withLayer(doc, 'events', dedupe(events))
    },
  }
}

const party = (a: Actor): EventParty => ({ code: a.code, text: a.text, start: a.start, end: a.end })
