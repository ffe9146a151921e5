const DAY_MS = 86_400_000
// day 4 since 1970-01-01 is Monday 1970-01-05: windows of 7 days start on Mondays
const MONDAY = 4

/** The number of a day (YYYY-MM-DD) counted from 1970-01-01. */
export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / DAY_MS)
}

/** The date (YYYY-MM-DD) of a day number. */
export function dayDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** The first day of the window of `windowDays` days that holds `day` (windows of 7 days start on Mondays). */
export function windowStart(day: number, windowDays: number): number {
  return day - ((((day - MONDAY) % windowDays) + windowDays) % windowDays)
}
