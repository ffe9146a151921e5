import { z } from 'zod'

// CAMEO chains of 3-letter elements, at most five ("IGOUNOREFHCR"); "---" for no country
const CODE = z.string().regex(/^(?:[A-Z]{3}|---)(?:[A-Z]{3}){0,4}$/, 'a CAMEO chain of 3-letter elements')
const DAY = z
  .string()
  .regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD')
  .refine(isCalendarDay, 'a date of the calendar (month 01-12, a day the month has)')
  .nullable()

/** True when a YYYY, YYYY-MM or YYYY-MM-DD text names a real month and day. */
export function isCalendarDay(text: string): boolean {
  const [year, month, day] = text.split('-').map(Number)
  if (month === undefined) return true
  if (month < 1 || month > 12) return false
  if (day === undefined) return true
  // day 0 of the next month is the last day of this one
  const last = new Date(Date.UTC(year ?? 0, month, 0)).getUTCDate()
  return day >= 1 && day <= last
}
/** A dated role. */
export const RoleSchema = z.object({ code: CODE, title: z.string().min(1), from: DAY, to: DAY, source: z.string().min(1) })
/** A person of the registry. */
export const PersonSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string()),
  gender: z.enum(['m', 'f']).optional(),
  roles: z.array(RoleSchema),
})
/** An organisation of the registry. */
export const OrganisationSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string()),
  code: CODE,
  country: z.string().length(3).nullable(),
  sector: z.string().nullable(),
  from: DAY.optional(),
  to: DAY.optional(),
  source: z.string().min(1),
})
/** A seat of government. */
export const SeatSchema = z.object({ term: z.string().min(1), code: CODE, capital: z.boolean().optional(), source: z.string().min(1) })
/** A role noun or title. */
export const SectorNounSchema = z.object({
  term: z.string().min(1),
  plural: z.string().optional(),
  sector: z.string().regex(/^(?:[A-Z]{3})+$/),
  title: z.boolean().optional(),
  source: z.string().min(1),
})

/**
 * A user's own registry file: any of the four lists, in the package files' entry shapes.
 * Unknown top-level keys (a misspelt list, `__proto__`) are refused, not ignored.
 */
export const UserRegistrySchema = z.strictObject({
  people: z.array(PersonSchema).optional(),
  organisations: z.array(OrganisationSchema).optional(),
  seats: z.array(SeatSchema).optional(),
  sectorNouns: z.array(SectorNounSchema).optional(),
})
