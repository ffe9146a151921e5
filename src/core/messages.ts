import type { Message, Severity, Span } from './types.js'

/**
 * Builds the messages of one source (a stage or a boundary), so that no stage writes a
 * message object by hand: the same fields, in the same order, every time.
 *
 * @example
 *   const report = messagesFrom('dates')
 *   report('overlap', 'inside "July 31, 2025"', { start: 0, end: 7 }, 'info')
 */
export function messagesFrom(source: string): (ruleId: string, reason: string, span?: Span | null, severity?: Severity) => Message {
  return (ruleId, reason, span = null, severity = 'warning') =>
    Object.freeze({ source, ruleId, reason, start: span ? span.start : null, end: span ? span.end : null, severity })
}

/** What a refiner keeps, and why it dropped the others. */
export interface Refined<T> {
  readonly kept: T[]
  readonly dropped: { readonly item: T; readonly ruleId: string; readonly reason: string }[]
}

/**
 * The items a refiner kept; each dropped one becomes an info message on its span, so that
 * every candidate a stage lets go says why.
 *
 * @example
 *   const dates = kept(removeOverlaps(found, text), messages, report, (f) => f)
 */
export function kept<T>(refined: Refined<T>, messages: Message[], report: ReturnType<typeof messagesFrom>, spanOf: (item: T) => Span): T[] {
  for (const d of refined.dropped) messages.push(report(d.ruleId, d.reason, spanOf(d.item), 'info'))
  return refined.kept
}
