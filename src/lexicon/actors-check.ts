import type { z } from 'zod'
import { nameKey } from './load.js'
import { OrganisationSchema, PersonSchema, SeatSchema, SectorNounSchema } from './registry-schema.js'

/** One problem found in the actor registry. */
export interface RegistryProblem {
  readonly file: string
  readonly id: string
  readonly rule: 'schema' | 'duplicate-id' | 'role-dates' | 'overlapping-roles' | 'dangling-alias' | 'shared-alias'
  readonly message: string
}

/** The lists a registry check reads, each with the file it came from. */
export interface RegistryLists {
  readonly people: { readonly file: string; readonly entries: readonly unknown[] }
  readonly organisations: { readonly file: string; readonly entries: readonly unknown[] }
  readonly seats: { readonly file: string; readonly entries: readonly unknown[] }
  readonly sectorNouns: { readonly file: string; readonly entries: readonly unknown[] }
}

/** What a check leaves out: the Phoenix lists give one generic title per code, so their offices cannot be told apart. */
export interface CheckOptions {
  /** Check that no two people hold one office on one day (default true). */
  readonly offices?: boolean
}

const end = (to: string): string => (to.length === 4 ? `${to}-12-31` : to.length === 7 ? `${to}-31` : to)

/**
 * Checks the actor registry: every entry's shape, unique ids, role dates in order, no two
 * people holding one office (same code and title) on the same day, and aliases that are
 * empty, repeat the name, or point at two different people.
 */
export function checkRegistry(lists: RegistryLists, options: CheckOptions = {}): RegistryProblem[] {
  const problems: RegistryProblem[] = []
  const schema = (file: string, entries: readonly unknown[], s: z.ZodTypeAny, idOf: (x: Record<string, unknown>) => string): void => {
    entries.forEach((e, i) => {
      const r = s.safeParse(e)
      if (!r.success) {
        const issue = r.error.issues[0]
        const id = e && typeof e === 'object' ? idOf(e as Record<string, unknown>) : `#${i}`
        problems.push({ file, id, rule: 'schema', message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` })
      }
    })
  }
  const idOf = (x: Record<string, unknown>): string => String(x.id ?? x.term ?? '?')
  schema(lists.people.file, lists.people.entries, PersonSchema, idOf)
  schema(lists.organisations.file, lists.organisations.entries, OrganisationSchema, idOf)
  schema(lists.seats.file, lists.seats.entries, SeatSchema, idOf)
  schema(lists.sectorNouns.file, lists.sectorNouns.entries, SectorNounSchema, idOf)

  const people = lists.people.entries.filter((e) => PersonSchema.safeParse(e).success) as z.infer<typeof PersonSchema>[]
  const orgs = lists.organisations.entries.filter((e) => OrganisationSchema.safeParse(e).success) as z.infer<typeof OrganisationSchema>[]
  for (const [file, list] of [
    [lists.people.file, people],
    [lists.organisations.file, orgs],
  ] as const) {
    const seen = new Set<string>()
    for (const x of list) {
      if (seen.has(x.id)) problems.push({ file, id: x.id, rule: 'duplicate-id', message: `id "${x.id}" is used twice` })
      seen.add(x.id)
    }
  }

  const offices = new Map<string, { id: string; from: string; to: string }[]>()
  const aliasOwners = new Map<string, Set<string>>()
  for (const p of people) {
    for (const r of p.roles) {
      if (r.from && r.to && end(r.to) < r.from) {
        problems.push({ file: lists.people.file, id: p.id, rule: 'role-dates', message: `${r.title}: ends (${r.to}) before it starts (${r.from})` })
      }
      const key = `${r.code}|${r.title}`
      const list = offices.get(key) ?? []
      list.push({ id: p.id, from: r.from ?? '0000', to: r.to ?? '9999' })
      offices.set(key, list)
    }
    for (const a of p.aliases) {
      if (!a.trim() || a === p.name) {
        problems.push({ file: lists.people.file, id: p.id, rule: 'dangling-alias', message: `alias "${a}" is empty or repeats the name exactly` })
      }
    }
    for (const n of new Set([p.name, ...p.aliases].map(nameKey))) {
      const owners = aliasOwners.get(n) ?? new Set<string>()
      owners.add(p.id)
      aliasOwners.set(n, owners)
    }
  }
  for (const [key, holders] of options.offices === false ? [] : offices) {
    const sorted = [...holders].sort((a, b) => a.from.localeCompare(b.from))
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]
      const cur = sorted[i]
      // a hand-over day is shared by the outgoing and the incoming holder
      // "2019-11" against "2019-11-30": dates known to the month only overlap in a later month
      if (!prev || !cur) continue
      const precision = Math.min(cur.from.length, prev.to.length)
      // spokespeople of one ministry serve side by side ("Mao Ning", "Lin Jian"), and so do
      // the members of a collegial executive ("Member of the Swiss Federal Council")
      if (/^(spokes|member of)/i.test(key.split('|')[1] ?? '')) continue
      if (prev.id !== cur.id && cur.from.slice(0, precision) < prev.to.slice(0, precision)) {
        problems.push({
          file: lists.people.file,
          id: cur.id,
          rule: 'overlapping-roles',
          message: `${key.split('|')[1]} (${key.split('|')[0]}) overlaps with ${prev.id} (${cur.from} < ${prev.to})`,
        })
      }
    }
  }
  for (const [n, owners] of aliasOwners) {
    if (owners.size > 1)
      problems.push({ file: lists.people.file, id: [...owners].join(', '), rule: 'shared-alias', message: `the name "${n}" belongs to ${owners.size} people` })
  }
  for (const o of orgs) {
    for (const a of o.aliases) {
      if (!a.trim() || a === o.name)
        problems.push({ file: lists.organisations.file, id: o.id, rule: 'dangling-alias', message: `alias "${a}" is empty or repeats the name exactly` })
    }
  }
  return problems
}
