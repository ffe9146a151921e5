import type { Span, Token } from '../../../core/types.js'
import { type EntryFile, lazy, loadLexicon } from '../../../lexicon/load.js'
import type { EventContext } from '../context.js'
import type { Refined, TriggerMention } from '../mention.js'

const sportsWords = lazy(() => new Set(loadLexicon<EntryFile<string>>('events/sports-words.json').entries))

// a score: "won 3-1", "a 2-2 draw" (not a date's "1996-08-22")
const SCORE = /(?<![\d-])\d{1,3}-\d{1,3}(?![\d-])/

// a sports section's headline: "SOCCER - JAPAN WIN", "TENNIS - SELES BEATS ..."
const SPORTS_HEADLINE =
  /^\s*(?:SOCCER|FOOTBALL|CRICKET|RUGBY(?: UNION| LEAGUE)?|TENNIS|GOLF|BASKETBALL|BASEBALL|ICE HOCKEY|HOCKEY|ATHLETICS|CYCLING|MOTOR RACING|BOXING|SKIING|SWIMMING|OLYMPICS|VOLLEYBALL|HORSE RACING|SQUASH|BADMINTON|NFL|NBA|NHL)\b[^\n]*\s[-—–]\s/

/**
 * Refiner 3: sport is discarded (CAMEO manual; annotation guide §2): in a document whose
 * headline opens with a sport ("SOCCER - ..."), and in a sentence with two sports words or
 * one beside a score, a team that "attacked" or "beat" another is no event.
 */
export function dropSports(ctx: EventContext, mentions: readonly TriggerMention[], sentences: readonly Span[]): Refined<TriggerMention> {
  const kept: TriggerMention[] = []
  const dropped: Refined<TriggerMention>['dropped'] = []
  const sportsDocument = SPORTS_HEADLINE.test(ctx.text.slice(0, 200))
  const verdict = new Map<number, boolean>()
  const sporting = (m: TriggerMention): boolean => {
    const known = verdict.get(m.sentence)
    if (known !== undefined) return known
    let words = 0
    for (let k = m.range.start; k < m.range.end; k++) if (sportsWords().has(ctx.lower[k] ?? '')) words++
    const s = sentences[m.sentence] as Span
    const yes = words >= 2 || (words >= 1 && SCORE.test(ctx.text.slice(s.start, s.end)))
    verdict.set(m.sentence, yes)
    return yes
  }
  for (const m of mentions) {
    if (sportsDocument || sporting(m)) {
      const t = ctx.tokens[m.match.at] as Token
      dropped.push({ item: m, ruleId: 'sports', reason: `"${ctx.text.slice(t.start, t.end)}" is in a report on sport, which codes no events` })
    } else kept.push(m)
  }
  return { kept, dropped }
}
