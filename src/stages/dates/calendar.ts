/** Calendar arithmetic on plain dates (UTC, no time zones involved). */

export interface Ymd {
  readonly y: number
  readonly m: number
  readonly d: number
}

export const parseYmd = (s: string): Ymd => {
  const [y, m, d] = s.split('-').map(Number)
  return { y: y ?? 1970, m: m ?? 1, d: d ?? 1 }
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0')
export const fmtDay = (t: Ymd): string => `${pad(t.y, 4)}-${pad(t.m)}-${pad(t.d)}`
export const fmtMonth = (y: number, m: number): string => `${pad(y, 4)}-${pad(m)}`

const toDate = (t: Ymd): Date => new Date(Date.UTC(t.y, t.m - 1, t.d))
const fromDate = (d: Date): Ymd => ({ y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() })

export function addDays(t: Ymd, n: number): Ymd {
  const d = toDate(t)
  d.setUTCDate(d.getUTCDate() + n)
  return fromDate(d)
}

export function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const k = y * 12 + (m - 1) + n
  return { y: Math.floor(k / 12), m: (k % 12) + 1 }
}

/** ISO weekday, Monday = 1 ... Sunday = 7. */
export const weekday = (t: Ymd): number => ((toDate(t).getUTCDay() + 6) % 7) + 1

/** ISO 8601 week: "2025-W31" (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(t: Ymd): string {
  const thursday = addDays(t, 4 - weekday(t))
  const jan1 = { y: thursday.y, m: 1, d: 1 }
  const days = Math.round((toDate(thursday).getTime() - toDate(jan1).getTime()) / 86_400_000)
  return `${thursday.y}-W${pad(Math.floor(days / 7) + 1)}`
}
