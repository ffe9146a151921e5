import { existsSync, readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { ORGANISATIONS_DIR, PEOPLE_DIR, rolesAt } from '../lexicon/actors.js'
import { checkRegistry, type RegistryLists, type RegistryProblem } from '../lexicon/actors-check.js'
import { LEXICON_DIR, lexiconFiles, nameKey } from '../lexicon/load.js'
import { checkPhoenixIndex, PHOENIX_FILES } from '../lexicon/phoenix.js'
import type { CommandEnv } from './command.js'
import { UsageError, validDateOption, writeLine } from './util.js'

const FILES = {
  organisations: 'actors/organisations.json',
  seats: 'actors/seats.json',
  sectorNouns: 'actors/sector-nouns.json',
} as const

/** `sitrep actors check | find NAME [--date D]`: validate the registry, or look a name up. */
export async function actorsCommand(argv: string[], env: CommandEnv): Promise<number> {
  const [sub, ...rest] = argv
  if (sub === 'check') return checkCommand(rest, env)
  if (sub === 'find') return findCommand(rest, env)
  throw new UsageError(`"sitrep actors" needs "check" or "find NAME", got ${sub ? `"${sub}"` : 'nothing'}`)
}

async function checkCommand(argv: string[], env: CommandEnv): Promise<number> {
  parseArgs({ args: argv, allowPositionals: false, options: {} })
  const read = (file: string): readonly unknown[] => (JSON.parse(readFileSync(LEXICON_DIR + file, 'utf8')) as { entries: unknown[] }).entries
  const user = env.userActors
  const userFile = env.actorsFile ?? ''
  // people come in one file per region: a problem names the file that holds the entry
  const peopleFiles = lexiconFiles(PEOPLE_DIR).map((file) => ({ file, entries: read(file) }))
  const fileOfPerson = new Map(peopleFiles.flatMap(({ file, entries }) => entries.map((e) => [(e as { id?: string }).id ?? '', file] as const)))
  const lists: RegistryLists = {
    people: { file: PEOPLE_DIR, entries: [...peopleFiles.flatMap((f) => f.entries), ...(user.people ?? [])] },
    organisations: {
      file: FILES.organisations,
      entries: [...[FILES.organisations, ...lexiconFiles(ORGANISATIONS_DIR)].flatMap(read), ...(user.organisations ?? [])],
    },
    seats: { file: FILES.seats, entries: [...read(FILES.seats), ...(user.seats ?? [])] },
    sectorNouns: { file: FILES.sectorNouns, entries: [...read(FILES.sectorNouns), ...(user.sectorNouns ?? [])] },
  }
  // a user entry with a package id replaces the package entry, as in the resolver
  const userIds = new Set([...(user.people ?? []), ...(user.organisations ?? [])].map((x) => x.id))
  const dedupe = (l: { file: string; entries: readonly unknown[] }, n: number): { file: string; entries: unknown[] } => ({
    file: l.file,
    entries: l.entries.filter((e, i) => i >= l.entries.length - n || !userIds.has((e as { id?: string }).id ?? '')),
  })
  const problems = checkRegistry({
    ...lists,
    people: dedupe(lists.people, user.people?.length ?? 0),
    organisations: dedupe(lists.organisations, user.organisations?.length ?? 0),
  })
  for (const p of problems) {
    const file = p.file === PEOPLE_DIR ? (fileOfPerson.get(p.id.split(', ')[0] ?? '') ?? p.file) : p.file
    await writeLine(`${file}  ${p.id}  ${p.rule}: ${p.message}`)
  }
  // the Phoenix layer: the same rules but offices (one generic title per code there), and its index
  const phoenix = existsSync(LEXICON_DIR + PHOENIX_FILES.people) ? checkPhoenix(read) : { problems: [], faults: [], counts: '' }
  for (const p of phoenix.problems) await writeLine(`${p.file}  ${p.id}  ${p.rule}: ${p.message}`)
  for (const f of phoenix.faults) await writeLine(f)
  const roles = (lists.people.entries as { roles?: unknown[] }[]).reduce((n, p) => n + (p.roles?.length ?? 0), 0)
  await writeLine(
    `${lists.people.entries.length} people (${roles} roles), ${lists.organisations.entries.length} organisations, ${lists.seats.entries.length} seats, ${lists.sectorNouns.entries.length} role nouns${userFile ? ` (with ${userFile})` : ''}${phoenix.counts}: ${problems.length + phoenix.problems.length + phoenix.faults.length} problem(s)`,
  )
  return problems.length + phoenix.problems.length + phoenix.faults.length ? 1 : 0
}

function checkPhoenix(read: (file: string) => readonly unknown[]): { problems: RegistryProblem[]; faults: string[]; counts: string } {
  const people = read(PHOENIX_FILES.people)
  const organisations = read(PHOENIX_FILES.organisations)
  const sectorNouns = read(PHOENIX_FILES.sectorNouns)
  const problems = checkRegistry(
    {
      people: { file: PHOENIX_FILES.people, entries: people },
      organisations: { file: PHOENIX_FILES.organisations, entries: organisations },
      seats: { file: PHOENIX_FILES.people, entries: [] },
      sectorNouns: { file: PHOENIX_FILES.sectorNouns, entries: sectorNouns },
    },
    { offices: false },
  )
  return {
    problems,
    faults: checkPhoenixIndex(),
    counts: `, and from Phoenix ${people.length} people, ${organisations.length} organisations, ${sectorNouns.length} role nouns`,
  }
}

async function findCommand(argv: string[], env: CommandEnv): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { date: { type: 'string' } } })
  const name = positionals.join(' ').trim()
  if (!name) throw new UsageError('"sitrep actors find" needs a NAME')
  const day = values.date !== undefined ? validDateOption(values.date, '--date') : new Date().toISOString().slice(0, 10)
  const registry = env.lexicon.actors
  const people = [...new Set([...registry.lookupPeople(name), ...(registry.peopleBySurname.get(nameKey(name)) ?? [])])]
  const orgs = registry.lookupOrganisations(name)
  for (const p of people) {
    const now = rolesAt(p, day)
    await writeLine(`${p.name}  [${p.id}]  on ${day}: ${now.length ? now.map((r) => `${r.code} ${r.title}`).join('; ') : 'no role (ELI if named "former")'}`)
    for (const r of p.roles) await writeLine(`    ${r.code.padEnd(12)} ${r.from ?? '?'} .. ${r.to ?? 'now'}  ${r.title}  (${r.source})`)
  }
  for (const o of orgs) await writeLine(`${o.name}  [${o.id}]  ${o.code}${o.from || o.to ? `  ${o.from ?? '?'} .. ${o.to ?? 'now'}` : ''}  (${o.source})`)
  if (!people.length && !orgs.length) {
    await writeLine(`no actor known as "${name}"`)
    return 1
  }
  return 0
}
