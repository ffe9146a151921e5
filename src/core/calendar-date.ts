const ISO_DATE = /^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})$/

/** Whether a string is a real calendar day written YYYY-MM-DD ("2025-02-30" and "2025-13-45" are not). */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value)
  if (!m?.groups) return false
  const year = Number(m.groups.year)
  const month = Number(m.groups.month)
  const day = Number(m.groups.day)
  if (month < 1 || month > 12 || day < 1) return false
  // day 0 of the next month is the last day of this one
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}
