import type { Event, Quote } from '../core/types.js'
import type { Output } from '../output.js'

const MAX_EVIDENCE = 160

/** The evidence sentence with the trigger marked in [brackets], shortened around it. */
export function evidence(text: string, e: Event): string {
  const s = e.sentence
  const before = text.slice(s.start, e.trigger.start)
  const after = text.slice(e.trigger.end, s.end)
  const full = `${before}[${e.trigger.text}]${after}`.replace(/\s+/g, ' ')
  if (full.length <= MAX_EVIDENCE) return full
  const at = full.indexOf('[')
  const from = Math.max(0, at - MAX_EVIDENCE / 2)
  return `${from > 0 ? '…' : ''}${full.slice(from, from + MAX_EVIDENCE)}…`
}

const who = (p: Event['source']): string => (p ? `${p.text} (${p.code})` : '?')

/** A readable report of one analysed article: events, then quotes under their speakers. */
export function formatReport(out: Output): string {
  const lines: string[] = []
  const a = out.article
  const text = a?.text ?? ''
  lines.push(`${a?.title ?? '(untitled)'}${a?.published ? ` — ${a.published}` : ''}`)
  const events = out.events ?? []
  lines.push('', `Events (${events.length})`)
  events.forEach((e, i) => {
    const flags = [e.negated ? 'NEGATED' : '', e.modality !== 'asserted' ? e.modality : ''].filter(Boolean).join(', ')
    lines.push(`${String(i + 1).padStart(3)}. ${who(e.source)} → ${e.cameo} ${e.cameoName}${e.plover ? ` [${e.plover}]` : ''} → ${who(e.target)}`)
    lines.push(
      `     Goldstein ${e.goldstein ?? 'n/a'} · quad ${e.quad} · ${e.date ?? 'undated'}${e.place ? ` · ${e.place.name}` : ''}${flags ? ` · ${flags}` : ''}`,
    )
    lines.push(`     “${evidence(text, e)}”`)
    // the act told again in a later sentence: each further mention's evidence
    for (const m of (e.mentions ?? []).slice(1)) lines.push(`     also “${evidence(text, { ...e, sentence: m.sentence, trigger: m.trigger })}”`)
  })
  const quotes = (out.quotes ?? []).filter((q) => q.direct)
  if (quotes.length) {
    lines.push('', `Quotes (${quotes.length})`)
    const bySpeaker = new Map<string, Quote[]>()
    for (const q of quotes) {
      const key = q.speaker ? `${q.speaker.name ?? q.speaker.text}${q.speaker.actor ? ` (${q.speaker.actor})` : ''}` : 'unattributed'
      bySpeaker.set(key, [...(bySpeaker.get(key) ?? []), q])
    }
    for (const [speaker, qs] of bySpeaker) {
      lines.push(`  ${speaker}`)
      for (const q of qs) lines.push(`    “${q.text.length > MAX_EVIDENCE ? `${q.text.slice(0, MAX_EVIDENCE)}…` : q.text}”${q.via ? ` — via ${q.via}` : ''}`)
    }
  }
  return lines.join('\n')
}
