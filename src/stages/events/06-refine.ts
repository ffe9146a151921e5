import type { Event } from '../../core/types.js'

/**
 * Pass 6: one event per sentence, source, target and code: "resumed airstrikes on Syria,
 * including attacks on ..." is one use of force, not three.
 */
export function dedupe(events: readonly Event[]): Event[] {
  const seen = new Set<string>()
  return events.filter((e) => {
    const key = `${e.sentence.start}:${e.source?.code}:${e.source?.text}:${e.target?.code}:${e.target?.text}:${e.cameo}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
