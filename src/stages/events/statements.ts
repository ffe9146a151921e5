import type { Actor, Token } from '../../core/types.js'
import { type EntryFile, lazy, loadLexicon } from '../../lexicon/load.js'
import type { TriggerMatch } from './01-triggers.js'
import { type EventContext, isAttributionVerb } from './context.js'
import { irregularPast } from './triggers.js'

// Statements (CAMEO 010 make statement, 011 decline comment, 015 claim): who said it and to
// whom, by the annotation guide (§2, §5 and the say-verb rules of §10).

const channelNouns = lazy(() => new Set(loadLexicon<EntryFile<string>>('events/channel-nouns.json').entries))

// the speech-act codes whose party after the verb is whom it was said to, never what was said about
const SPEECH_CODES = new Set(['010', '011', '015'])

/** Whether a trigger is a plain speech act: a verb coded make statement, decline comment or claim ("said", "told", "announced"). */
export function isStatement(m: TriggerMatch): boolean {
  return m.trigger.pos === 'verb' && SPEECH_CODES.has(m.trigger.code)
}

/** Whether an actor is a medium: MED among its roles ("the state news agency" ---GOVMED, a newspaper). */
export function isMedium(a: Actor): boolean {
  for (let k = 3; k + 3 <= a.code.length; k += 3) if (a.code.slice(k, k + 3) === 'MED') return true
  return false
}

// words that end a speaker's head noun: "sources [in] neighboring Pakistan", "a spokesman [for] the army"
const AFTER_HEAD = new Set(['in', 'of', 'at', 'from', 'for', 'with', 'near', 'close', 'to', 'on', ',', '(', 'who'])

/**
 * The speakers of a statement, each a span: the quotes layer's speaker for this cue and the
 * verb's other subjects in the parse, split at "and" and commas ("the state news agency and
 * local residents" is two).
 */
export function speakers(ctx: EventContext, m: TriggerMatch): { start: number; end: number }[] {
  const at = ctx.tokens[m.at] as Token
  const quoted = ctx.quotes.find((q) => q.cue && q.speaker && q.cue.start <= at.start && at.end <= q.cue.end)?.speaker
  // the parse's subjects with their conjuncts ("Russia and China said"), where the quote's speaker does not already cover them
  // of two subjects the parser gave, the nearer one ("his counterpart Lavrov in Moscow, al-Shaibani acknowledged")
  const nearest = ctx.view.dependents(m.at, 'nsubj').sort((a, b) => Math.abs(a - m.at) - Math.abs(b - m.at))[0]
  const parsed = (nearest === undefined ? [] : ctx.view.conjuncts(nearest))
    .map((h) => ctx.view.phrase(h))
    .filter((p) => !quoted || p.end <= quoted.start || p.start >= quoted.end)
  const spans = [...(quoted ? [quoted] : []), ...parsed].sort((a, b) => a.start - b.start)
  const out: { start: number; end: number }[] = []
  for (const span of spans) {
    let from = ctx.tokenAt.get(span.start)
    if (from === undefined) continue
    for (let k = from; k < ctx.tokens.length && (ctx.tokens[k] as Token).start < span.end; k++) {
      const end = k + 1 >= ctx.tokens.length || (ctx.tokens[k + 1] as Token).start >= span.end
      if (ctx.lower[k] === 'and' || (ctx.lower[k] === ',' && !end)) {
        if (k > from) out.push({ start: (ctx.tokens[from] as Token).start, end: (ctx.tokens[k - 1] as Token).end })
        from = k + 1
      } else if (end) out.push({ start: (ctx.tokens[from] as Token).start, end: (ctx.tokens[k] as Token).end })
    }
  }
  return out
}

/** Whether a speaker only passes news on: its head noun (the word before any "in", "of", ...) is a channel's, or it is a medium. */
export function relaysNews(ctx: EventContext, span: { start: number; end: number }): boolean {
  const first = ctx.tokenAt.get(span.start) ?? 0
  let head = first
  for (let k = first; k < ctx.tokens.length && (ctx.tokens[k] as Token).end <= span.end && !AFTER_HEAD.has(ctx.lower[k] ?? ''); k++) head = k
  const named = ctx.actorAt[head]
  return channelNouns().has(ctx.lower[head] ?? '') || (!!named && isMedium(named))
}

/** The spans of a statement's speakers that only pass news on: "the state radio", "residents", "diplomatic sources in Pakistan". */
export function channelSubjects(ctx: EventContext, m: TriggerMatch): { start: number; end: number }[] {
  return speakers(ctx, m).filter((s) => relaysNews(ctx, s))
}

/** Whether every speaker of a statement only passes news on (the guide's channels, no act of their own). */
export function spokenByChannel(ctx: EventContext, m: TriggerMatch): boolean {
  const all = speakers(ctx, m)
  return all.length > 0 && all.every((s) => relaysNews(ctx, s))
}

// subject pronouns that point back to the speaker of the verb they follow
const SELF = new Set(['it', 'they', 'we', 'i', 'he', 'she'])

// the CAMEO roots of acts done by speaking: an appeal, a promise, a demand, a criticism, a rejection, a threat
const SPOKEN_ROOTS = new Set(['02', '03', '10', '11', '12', '13'])

/**
 * Whether a plain statement only carries its speaker's own act (guide §10 and its case 17):
 * "X said it will (would) do Z" is one event, Z intended, and "X said it urges Y to ...",
 * "'We call on Y to ...,' X said" are one event, the speech act X names itself (never a
 * statement beside a more specific speech act of the same speaker). `acts` are the
 * sentence's other triggers.
 */
export function announcesOwnAct(ctx: EventContext, m: TriggerMatch, acts: readonly TriggerMatch[]): boolean {
  // a plain say-verb, whichever of statement or claim it was coded
  if (m.trigger.code !== '010' && m.trigger.code !== '015') return false
  const { view, arcs } = ctx
  const speaker = view.subjects(m.at).map((p) => ctx.byOffset.actors.inside(p.start, p.end)[0]?.code)
  for (const clause of view.reportedClauses(m.at)) {
    const { modality } = view.markers(clause)
    const toCome = modality === 'future' || modality === 'conditional'
    const subject = view.dependents(clause, 'nsubj')[0]
    if (subject === undefined) continue
    const named = ctx.actorAt[subject]?.code
    const own = SELF.has(ctx.lower[subject] ?? '') || (!!named && speaker.includes(named))
    // "a State Department spokesman said the United States urges ...": a state speaks through its officials
    const ownState = own || (!!named && named.length === 3 && speaker.some((c) => !!c?.startsWith(named)))
    for (const a of acts) {
      // the speaker's own speech act, in the present, is the clause's verb itself ("it urges", "we call on");
      // "said Iran had requested his extradition" reports a past act, with a claim beside it (guide §10)
      const spoken = a.at === clause && a.trigger.pos === 'verb' && (ctx.tokens[clause] as Token).pos === 'VERB' && SPOKEN_ROOTS.has(a.trigger.code.slice(0, 2))
      if (ownState && !toCome && spoken && !pastTense(ctx, clause)) return true
      if (!own || !toCome) continue
      // the act is the clause's verb or hangs from it ("said it would send troops", "would seek talks")
      let k = a.at
      for (let depth = 0; depth < 3 && k >= 0 && k !== clause; depth++) k = arcs[k]?.head ?? -1
      if (k === clause) return true
    }
  }
  return false
}

// auxiliaries that put a verb in the past ("had requested", "has asked", "was calling")
const PAST_AUX = new Set(['had', 'has', 'have', 'did', 'was', 'were', "'d"])

/** Whether a verb is told in the past: a past form ("-ed") or a past or perfect auxiliary. */
function pastTense(ctx: EventContext, verb: number): boolean {
  const word = ctx.lower[verb] ?? ''
  return /ed$/.test(word) || irregularPast(word) || ctx.view.dependents(verb, 'aux').some((k) => PAST_AUX.has(ctx.lower[k] ?? ''))
}

/** Whether token k is a pronoun or noun that can be told something (not a clause's verb). */
export function nominal(ctx: EventContext, k: number): boolean {
  return /^(NOUN|PROPN|PRON)$/.test((ctx.tokens[k] as Token).pos)
}

// how a reported clause hangs from the verb that reports it, and a conjoined verb from the first
const REPORTED_ARCS = new Set(['ccomp', 'parataxis', 'conj'])

/**
 * The subjects of the verb of attribution that reports a trigger's clause, when that clause
 * names its own doer: in "the ministry said the rebels shelled the town" the ministry only
 * speaks, the rebels act; "Turkey says killed 17 rebels" (no subject of its own) keeps the
 * speaker. The trigger's clause is its verb (a noun's the verb it hangs from, "said the
 * killings occurred"), reached up to a verb of attribution through reported clauses and
 * conjoined verbs ("said the rebels set ... and released ..."); a pronoun subject ("said it
 * had agreed") is the speaker again. Statement triggers have none.
 */
export function reportingSpeakers(ctx: EventContext, m: TriggerMatch): { start: number; end: number }[] {
  if (isStatement(m)) return []
  const { view, arcs, tokens } = ctx
  let k = m.at
  // a noun's clause: the verb it is the subject or object of
  for (let depth = 0; depth < 3 && (tokens[k] as Token).pos !== 'VERB' && (tokens[k] as Token).pos !== 'AUX'; depth++) {
    const head = arcs[k]?.head ?? -1
    if (head < 0) return []
    k = head
  }
  let ownSubject = false
  for (let depth = 0; depth < 4; depth++) {
    // "X said it had agreed": a pronoun subject points back to the speaker, no doer of its own
    if (view.dependents(k, 'nsubj', 'nsubj:pass', 'csubj', 'expl').some((h) => !SELF.has(ctx.lower[h] ?? ''))) ownSubject = true
    const arc = arcs[k]
    if (!arc || arc.head < 0 || !REPORTED_ARCS.has(arc.dep)) return []
    const head = arc.head
    if (arc.dep !== 'conj' && isAttributionVerb(ctx.lower[head] ?? '')) {
      if (!ownSubject) return []
      // one span over the subjects the parser split ("the interior | ministry said")
      const phrases = view.dependents(head, 'nsubj').map((h) => view.phrase(h))
      if (!phrases.length) return []
      return [
        {
          start: Math.min.apply(
            null,
            phrases.map((p) => p.start),
          ),
          end: Math.max.apply(
            null,
            phrases.map((p) => p.end),
          ),
        },
      ]
    }
    // a conjoined verb shares its first verb's subject: "the rebels set ... and released ..."
    k = head
  }
  return []
}
