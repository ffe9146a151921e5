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
