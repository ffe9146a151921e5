// Converts the Phoenix (PETRARCH2) actor and agent dictionaries (MIT, Open Event Data
// Alliance) into lexicon/actors/phoenix/: people with dated roles, organisations (national
// institutions, international bodies, armed non-state groups, companies) and role nouns,
// with a name index compiled here so the engine reads it without building one.
// Run: node --import tsx scripts/convert-phoenix.ts [DICTIONARY_DIR]
// (default ../shared/data/dictionaries/phoenix). Prints what each filter dropped.
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { ORGANISATIONS_DIR, type Organisation, PEOPLE_DIR, type Person, type Role, type SectorNoun, surname } from '../src/lexicon/actors.js'
import { countries, countryByDemonym, countryByName } from '../src/lexicon/countries.js'
import { isKnownPlace } from '../src/lexicon/gazetteer.js'
import { type EntryFile, LEXICON_DIR, lexiconFiles, loadLexicon, lookupName, nameKey } from '../src/lexicon/load.js'
import { type PhoenixCode, type PhoenixRecord, parseActors, parseAgents } from './phoenix-format.js'
import { entriesText, indexLines, nameTable } from './phoenix-output.js'

const SOURCE_DIR = process.argv[2] ?? join(LEXICON_DIR, '../../shared/data/dictionaries/phoenix')
const OUT = join(LEXICON_DIR, 'actors/phoenix')
const NOTICE =
  'Converted from the Phoenix / PETRARCH2 dictionaries (openeventdata/petrarch2 @ 676801c, petrarch2/data/dictionaries/) by scripts/convert-phoenix.ts. Copyright (c) 2014 Open Event Data Alliance, MIT licence: the full notice is in LICENSE next to this file and must be kept with it.'
const ACTOR_FILES = ['Phoenix.Countries.actors.txt', 'Phoenix.International.actors.txt', 'Phoenix.MilNonState.actors.txt'] as const

const CHAIN = /^(?:[A-Z]{3})(?:[A-Z]{3}){0,4}$/
const COUNTRY_CODES = new Set(countries().map((c) => c.code))
// the CAMEO role elements a sector may be (codebook ch. 3 Table 3.1 and PLOVER's additions)
const ROLE_CODES = new Set(
  'GOV MIL HLH EDU AGR LAB ENV MED SPY COP JUD LEG OPP REB UAF PRM BUS CRM CVL ELI HRI REF DEV NGO SET MOD RAD PTY REL PRE INS SEP IGO NGM IMG MNC'.split(' '),
)
// religion elements of CAMEO: PLOVER has one REL sector for clergy and religious bodies
const RELIGIONS = new Set([
  'MUS',
  'CHR',
  'BUD',
  'JEW',
  'HIN',
  'CTH',
  'PRO',
  'ORT',
  'SHI',
  'SUN',
  'SFI',
  'ALE',
  'DRZ',
  'JAN',
  'SIK',
  'TAO',
  'ZRO',
  'BAH',
  'ATH',
  'CPT',
])
const INSTITUTION_WORDS =
  /\b(ARMY|ARMED|FORCES?|PARTY|MINISTRY|COUNCIL|COMMITTEE|ORGANI[SZ]ATION|AGENCY|FRONT|MOVEMENT|BRIGADES?|UNION|ASSOCIATION|BANK|COURT|COMMISSION|GOVERNMENT|POLICE|NAVY|GUARDS?|CONGRESS|ASSEMBLY|PARLIAMENT|SENATE|OFFICE|DEPARTMENT|SERVICES?|INSTITUTE|UNIVERSITY|FUND|PROGRAMM?E?|GROUP|NETWORK|LEAGUE|ALLIANCE|COALITION|CORPS|MILITIA|COMMAND|AUTHORITY|BUREAU|CENT(ER|RE)|FOUNDATION|SOCIETY|TRIBUNAL|CABINET|REGIME|FEDERATION|CONFERENCE|NEWS|TIMES|POST|RADIO|TELEVISION|COMPANY|CORPORATION|INC|LTD|JUNTA|REBELS|INSURGENTS|MUJAHIDEEN|COMMUNITY|BOARD|CHURCH|TRUST|COUNCILS|STATE|REPUBLIC|CLUB|FACTION|CELL|OF|THE|FOR|AND)\b/

/** The latest explicit date in the files: open-ended Phoenix roles end there. */
let cutoff = '0000-00-00'

// how often raw text capitalises a word inside a sentence (the word-clusters model's fifth
// column: bins of <2%, <20%, <50%, <80%, <98%, >=98%)
const capitalBin = new Map<string, number>()
for (const line of gunzipSync(readFileSync(join(LEXICON_DIR, '../models/word-clusters.tsv.gz')))
  .toString('utf8')
  .split('\n')
  .slice(1)) {
  const cells = line.split('\t')
  if (cells.length >= 5) capitalBin.set(cells[0] as string, Number(cells[4]))
}
/** A common English word: seen in the project's training text and capitalised there less than 80% of the time. */
const commonWord = (w: string): boolean => (capitalBin.get(w.toLowerCase()) ?? 5) <= 3
const AGENTIVE = /(er|or|ist|ian|ant|ent|man|men|person|people|ee|crat)s?$/
const ABSTRACT = /(ment|ance|ence)s?$/
const FUNCTION_WORDS = new Set(['of', 'the', 'for', 'and', 'in', 'on', 'to', 'a', 'an', '&'])

const drops = new Map<string, number>()
const drop = (rule: string): false => {
  drops.set(rule, (drops.get(rule) ?? 0) + 1)
  return false
}

/** "BAN_KI-MOON" -> "Ban Ki-Moon"; dotted and vowel-less words stay in capitals ("U.N.", "PLA"). */
function displayName(raw: string): string {
  const words = raw.replace(/_/g, ' ').replace(/\s+/g, ' ').trim().split(' ').filter(Boolean)
  const single = words.length === 1
  return words
    .map((w, i) => {
      const letters = w.replace(/[^A-Za-z]/g, '')
      if (w.includes('.') || !/[AEIOU]/i.test(letters) || (single && letters.length <= 4)) return w.toUpperCase()
      if (i > 0 && FUNCTION_WORDS.has(w.toLowerCase())) return w.toLowerCase()
      if (/^(US|UK|UN|EU)$/i.test(w)) return w.toUpperCase()
      return w.toLowerCase().replace(/(^|[-(/])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase())
    })
    .join(' ')
}

// our registry: its names win over theirs, its people's surnames stay with its surname pass
const ours = (() => {
  const people = lexiconFiles(PEOPLE_DIR).flatMap((f) => loadLexicon<EntryFile<Person>>(f).entries)
  const orgs = ['actors/organisations.json', ...lexiconFiles(ORGANISATIONS_DIR)].flatMap((f) => loadLexicon<EntryFile<Organisation>>(f).entries)
  const personNames = new Set(people.flatMap((p) => [p.name, ...p.aliases].map(nameKey)))
  const peopleByName = new Map<string, Person[]>()
  for (const p of people) for (const k of new Set([p.name, ...p.aliases].map(nameKey))) peopleByName.set(k, [...(peopleByName.get(k) ?? []), p])
  const orgNames = new Set(orgs.flatMap((o) => [o.name, ...o.aliases].map(nameKey)))
  // "the Kremlin", "White House": our seats of government keep their names too
  for (const seat of loadLexicon<EntryFile<{ term: string }>>('actors/seats.json').entries) orgNames.add(nameKey(seat.term.replace(/^the /i, '')))
  // "al-Assad" is also written "Assad"
  const surnames = new Set(
    people.flatMap((p) => [p.name, ...p.aliases].flatMap((n) => [surname(n), surname(n).replace(/^(al|el|ad|as|an|ash|at|az|ar)-/i, '')].map(nameKey))),
  )
  const nouns = new Set(
    loadLexicon<EntryFile<SectorNoun>>('actors/sector-nouns.json').entries.flatMap((s) => [s.term, s.plural ?? ''].map((t) => t.toLowerCase())),
  )
  const titleWords = new Set(
    loadLexicon<EntryFile<SectorNoun>>('actors/sector-nouns.json')
      .entries.filter((s) => s.title)
      .flatMap((s) => s.term.toLowerCase().split(' ')),
  )
  const conventions = new Map(
    loadLexicon<EntryFile<SectorNoun>>('actors/sector-nouns.json')
      .entries.filter((s) => /^(PRM|COP|SPY)$/.test(s.sector))
      .flatMap((s) => [s.term, s.plural ?? s.term].map((t) => [t.toLowerCase(), s.sector] as const)),
  )
  return { personNames, peopleByName, orgNames, surnames, nouns, titleWords, conventions }
})()

/** Whether a name may stand as a look-up key: the filters stated in README.md, each counted. */
function keepName(display: string): boolean {
  const key = nameKey(display)
  const words = display.split(' ')
  const letters = display.replace(/[^\p{L}]/gu, '')
  if (!/^[\p{L}\d .'&/()-]+$/u.test(display) || !/\p{L}/u.test(display)) return drop('odd characters')
  if (letters.length < 3) return drop('under 3 letters')
  if (ours.personNames.has(key) || ours.orgNames.has(key)) return drop('ours already')
  if (lookupName(countryByName(), display) || lookupName(countryByDemonym(), display)) return drop('a country or demonym')
  // "President Bush": a title and a surname our registry carries may be ours or theirs
  const titles = words
    .slice(0, -1)
    .filter((w) => !ours.titleWords.has(w.toLowerCase()) && !lookupName(countryByName(), w) && !lookupName(countryByDemonym(), w))
  if (words.length > 1 && titles.length === 0 && ours.surnames.has(nameKey(words[words.length - 1] as string))) return drop('title and a surname of ours')
  if (words.length === 1) {
    if (key.startsWith('=')) return letters.length >= 3 || drop('under 3 letters')
    if (letters.length < 5) return drop('one word under 5 letters')
    if (commonWord(display)) return drop('one common word')
    if (isKnownPlace(display)) return drop('one word that is a place')
    if (ours.surnames.has(key)) return drop('surname of one of ours')
    return true
  }
  // "Supreme Court", "National Assembly", "Security Forces": a generic phrase many countries share
  if (words.every((w) => FUNCTION_WORDS.has(w.toLowerCase()) || (capitalBin.get(w.toLowerCase()) ?? 5) <= 2)) return drop('only common words')
  return true
}

const validChain = (code: string): boolean => CHAIN.test(code) && !code.startsWith('---')
/** Whether a chain reads as owner + roles: a country with role elements ("ETHERI" is a place, not a role). */
// historical states and regions ("YUG", "SUN", "MEA") are no country PLOVER codes today: left out
const roleChain = (code: string): boolean =>
  /^(IGO|NGO|NGM|IMG|MNC)/.test(code) || (COUNTRY_CODES.has(code.slice(0, 3)) && (code.length === 3 || ROLE_CODES.has(code.slice(3, 6))))
/** The sector of an organisation's chain: its first role element; REB for armed IMG groups. */
function sectorOfChain(code: string): string | null {
  const elements = code.match(/.{3}/g) ?? []
  const role = elements.slice(1).find((e) => ROLE_CODES.has(e) && !/^(IGO|NGO|NGM|IMG|MNC)$/.test(e))
  if (role) return role
  const head = elements[0] ?? ''
  return head === 'IMG' ? 'REB' : /^(IGO|NGO|NGM)$/.test(head) ? head : null
}
/** Multinationals: CAMEO MNC + country; PLOVER keeps the country with BUS, as our companies list does. */
const plainCode = (code: string): string =>
  code.startsWith('MNC') ? (COUNTRY_CODES.has(code.slice(3, 6)) ? `${code.slice(3, 6)}BUS${code.slice(6)}` : 'MNC') : code
const countryOf = (code: string): string | null => (COUNTRY_CODES.has(code.slice(0, 3)) ? code.slice(0, 3) : null)

function isPerson(r: PhoenixRecord, file: string, codes: readonly PhoenixCode[]): boolean {
  if (/CountryInfo|rulers/i.test(r.comment)) return true
  if (file.includes('MilNonState')) return false
  if (r.names.some((n) => INSTITUTION_WORDS.test(n.replace(/_/g, ' ').toUpperCase()))) return false
  if (codes.some((c) => /^(MNC|NGO|IGO|IMG)$/.test(c.code) || /MED$/.test(c.code))) return false
  // a single acronym or word is a body ("ANSF", "UNMIN"), people have two names or more
  return r.names.some((n) => n.replace(/_+$/, '').split(/[_ ]+/).length >= 2)
}

const slug = (s: string): string =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
const ids = new Set<string>()
const uniqueId = (base: string): string => {
  let id = `phoenix-${base}`
  for (let k = 2; ids.has(id); k++) id = `phoenix-${base}-${k}`
  ids.add(id)
  return id
}

/**
 * A person of ours whom Phoenix also lists: ours wins, but the offices Phoenix dates before
 * our first role fill the years our list does not reach ("Prime Minister" in the 1990s of
 * someone ours lists from 2009). Kept only where the full name points at one person of
 * ours and the office is in a country (or body) one of our roles already has, so that a
 * namesake elsewhere adds nothing; an office that runs into our first role is cut there.
 */
const earlier = new Map<string, { id: string; name: string; roles: Role[] }>()
function keepEarlierRoles(names: readonly string[], codes: readonly PhoenixCode[], source: string): void {
  const matches = new Set(names.filter((n) => n.includes(' ')).flatMap((n) => ours.peopleByName.get(nameKey(n)) ?? []))
  if (matches.size !== 1) return void (matches.size && drop('earlier roles: name of two people of ours'))
  const mine = [...matches][0] as Person
  const owners = new Set(mine.roles.map((r) => ownerOf(r.code)))
  const first = mine.roles.map((r) => r.from ?? '').sort()[0]
  if (!first) return
  for (const c of codes) {
    if (c.undated || !c.from || c.code.slice(3, 6) === 'ELI' || c.code.length < 6) continue
    if (!owners.has(ownerOf(c.code))) {
      drop('earlier roles: office in a country none of ours has')
      continue
    }
    if (c.from >= first) continue
    const to = !c.to || c.to >= first ? dayBefore(first) : c.to
    const entry = earlier.get(mine.id) ?? { id: mine.id, name: mine.name, roles: [] }
    entry.roles.push({ code: c.code, title: `Phoenix ${c.code}`, from: c.from, to, source })
    earlier.set(mine.id, entry)
  }
}
const ownerOf = (code: string): string => code.slice(0, 3)
/** The day before a partial date's first day ("2009-03-31" -> "2009-03-30", "2009" -> "2008-12-31"). */
function dayBefore(partial: string): string {
  const full = partial.length === 4 ? `${partial}-01-01` : partial.length === 7 ? `${partial}-01` : partial
  const d = new Date(`${full}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}

const people: Person[] = []
const organisations: Organisation[] = []
let unreadable = 0
const parsed = ACTOR_FILES.map((file) => {
  const r = parseActors(readFileSync(join(SOURCE_DIR, file), 'latin1'))
  unreadable += r.unreadable
  for (const rec of r.records) for (const c of rec.codes) for (const d of [c.from, c.to]) if (d && d > cutoff && d < '2030') cutoff = d
  return { file, records: r.records }
})

for (const { file, records } of parsed) {
  const source = `Phoenix ${file}`
  for (const r of records) {
    const codes = r.codes.map((c) => ({ ...c, code: plainCode(c.code) })).filter((c) => validChain(c.code) && roleChain(c.code))
    // country blocks ("AFGHANISTAN_ [AFG]" with its cities) are the country tables' work
    // (dated too: "[DEU >901003]" for East German cities after reunification)
    if (!codes.length || codes.every((c) => c.code.length === 3 && !/^(MNC|NGO|IGO|IMG)$/.test(c.code))) {
      drop(codes.length ? 'country or region block' : 'no usable code')
      continue
    }
    const names = [...new Set(r.names.map(displayName).filter((n) => n))]
    // "BARACK_OBAMA ... +OBAMA_ADMINISTRATION": a record headed by the full name of one of
    // our people is that person, whatever institution words its other names carry
    const head = displayName(r.names[0] ?? '')
    const person = (head.includes(' ') && ours.personNames.has(nameKey(head))) || isPerson(r, file, codes)
    // the same person or body as one of ours (by a full name): ours wins, theirs is left out
    const sameAsOurs = names.some((n) => n.includes(' ') && (person ? ours.personNames : ours.orgNames).has(nameKey(n)))
    if (sameAsOurs) {
      drop(person ? 'person of ours' : 'organisation of ours')
      if (person) keepEarlierRoles(names, codes, source)
      continue
    }
    const kept = names.filter((n) => keepName(n))
    if (!kept.length) {
      drop('record with no name left')
      continue
    }
    const [name, ...aliases] = kept as [string, ...string[]]
    const id = uniqueId(slug(name))
    if (person) {
      const dated = codes.filter((c) => !c.undated)
      // a default code beside dated ones applies outside them (mostly ELI): out of office is
      // what the resolver already says for a person with no role on the day
      const all = dated.length ? dated : codes.filter((c) => c.code.length > 3)
      // "[USAELI 890120-...]" after an office says "out of office", which the resolver derives
      // itself (ELI for "former", and the latest office for an undated article, as for ours)
      const offices = all.filter((c) => c.code.slice(3, 6) !== 'ELI')
      const periods = offices.length ? offices : all
      const roles: Role[] = periods
        .map((c) => ({ code: c.code, title: `Phoenix ${c.code}`, from: c.from, to: c.to ?? cutoff, source }))
        .filter((x) => !x.from || x.from <= (x.to as string))
      if (!roles.length) {
        drop('person with no usable role')
        continue
      }
      people.push({ id, name, aliases, roles })
    } else {
      const dated = codes.filter((c) => !c.undated && c.code.length > 3)
      const undated = codes.filter((c) => c.undated && (c.code.length > 3 || /^(MNC|NGO|IGO|IMG)$/.test(c.code)))
      const periods = dated.length ? dated : undated.slice(0, 1)
      periods.forEach((c, k) => {
        const country = countryOf(c.code)
        const sector = c.code === 'MNC' ? 'BUS' : sectorOfChain(c.code)
        organisations.push({
          id: k ? uniqueId(`${slug(name)}-${c.code.toLowerCase()}`) : id,
          name,
          aliases,
          code: c.code,
          country,
          sector,
          ...(c.undated ? {} : { from: c.from, to: c.to ?? cutoff }),
          source,
        })
      })
    }
  }
}

// a name two records give to different countries or bodies is ambiguous: neither keeps it
function dropShared<T extends { name: string; aliases: readonly string[] }>(list: T[], owner: (t: T) => string): T[] {
  const owners = new Map<string, Set<string>>()
  for (const t of list) for (const n of [t.name, ...t.aliases]) owners.set(nameKey(n), (owners.get(nameKey(n)) ?? new Set()).add(owner(t)))
  const out: T[] = []
  for (const t of list) {
    const names = [t.name, ...t.aliases].filter((n) => (owners.get(nameKey(n))?.size ?? 0) <= 1 || drop('shared by two owners'))
    if (names.length) out.push({ ...t, name: names[0] as string, aliases: names.slice(1) })
    else drop('record with no name left')
  }
  return out
}
const personOwner = (p: Person): string => p.id
const finalPeople = dropShared(people, personOwner)
const finalOrgs = dropShared(organisations, (o) => o.code.slice(0, 3))
// a person and a body with one name: the name is dropped from both
const orgKeys = new Set(finalOrgs.flatMap((o) => [o.name, ...o.aliases].map(nameKey)))
const cleanPeople = finalPeople.flatMap((p) => {
  const names = [p.name, ...p.aliases].filter((n) => !orgKeys.has(nameKey(n)) || drop('person and body share it'))
  return names.length ? [{ ...p, name: names[0] as string, aliases: names.slice(1) }] : []
})

/** The sector of the longest of our PRM/COP/SPY terms inside a phrase, if any. */
function conventionHeld(words: readonly string[]): string | undefined {
  let best: { n: number; sector: string } | undefined
  for (let i = 0; i < words.length; i++)
    for (let j = i + 1; j <= words.length; j++) {
      const sector = ours.conventions.get(words.slice(i, j).join(' '))
      if (sector && (!best || j - i > best.n)) best = { n: j - i, sector }
    }
  return best?.sector
}

// role nouns of the agents file
const agents = parseAgents(readFileSync(join(SOURCE_DIR, 'Phoenix.agents.txt'), 'latin1'))
const nouns: SectorNoun[] = []
const seenTerm = new Set<string>()
for (const a of agents) {
  const elements = a.code.match(/.{3}/g) ?? []
  const roles = elements.filter((e) => !RELIGIONS.has(e))
  // "Buddhist", "Muslims": a faith's followers are a group, not a role; its clergy are REL
  if (!roles.length && !a.term.includes(' ')) {
    drop('agent: a faith alone')
    continue
  }
  const sector = (roles.length ? roles : ['REL']).join('')
  if (!/^[a-z][a-z .'&-]*$/.test(a.term) || !/^(?:[A-Z]{3})+$/.test(sector)) {
    drop('agent: odd characters or code')
    continue
  }
  // "ambassador to", "minister for": a dangling preposition is half a phrase, not a noun
  const words = a.term.split(' ')
  if (FUNCTION_WORDS.has(words[0] as string) || FUNCTION_WORDS.has(words[words.length - 1] as string)) {
    drop('agent: starts or ends with a function word')
    continue
  }
  if (ours.nouns.has(a.term)) {
    drop('agent: ours already')
    continue
  }
  if (!a.term.includes(' ') && a.term.length < 4) {
    drop('agent: under 4 letters')
    continue
  }
  // "actor" is no elite and "people" no sector: PLOVER has neither reading for a noun
  if (/^(ELI|PPL)$/.test(sector)) {
    drop('agent: ELI or PPL')
    continue
  }
  // one word that is common in running text names people only with an agent ending
  // ("villages", "industry", "revolt" are not actors; "burglar", "Janjaweed" are rare enough)
  if (!a.term.includes(' ') && !a.term.endsWith('.') && commonWord(a.term) && !(AGENTIVE.test(a.term) && !ABSTRACT.test(a.term))) {
    drop('agent: common word without an agent ending')
    continue
  }
  // our conventions that part from CAMEO's (paramilitaries PRM, gendarmes and security
  // forces COP, intelligence SPY): a longer term holding one of those words keeps its sector
  const held = conventionHeld(words)
  if (held && !sector.startsWith(held)) {
    drop('agent: against one of our conventions')
    continue
  }
  if (seenTerm.has(a.term)) {
    drop('agent: repeated')
    continue
  }
  seenTerm.add(a.term)
  nouns.push({ term: a.term, ...(a.plural && a.plural !== a.term ? { plural: a.plural } : {}), sector, source: `Phoenix Phoenix.agents.txt line ${a.line}` })
}

mkdirSync(OUT, { recursive: true })
copyFileSync(join(SOURCE_DIR, 'LICENSE'), join(OUT, 'LICENSE'))
chmodSync(join(OUT, 'LICENSE'), 0o644)
const rule = `Open-ended Phoenix roles ("[CODE >date]", or a person's only undated code) end on ${cutoff}, the latest date the files give: a person is not coded as holding an office after it.`
const peopleFile = entriesText(
  `People with dated roles from the Phoenix Countries and International actor files, less those our registry lists. ${rule} ${NOTICE}`,
  cleanPeople,
)
const orgFile = entriesText(
  `National institutions, international organisations, companies and armed non-state groups from the Phoenix actor files, less those our registry lists. ${NOTICE}`,
  finalOrgs,
)
const nounFile = entriesText(
  `Role nouns of Phoenix.agents.txt (substitution sets expanded, plurals formed, faith elements folded into REL), less those our list has. ${NOTICE}`,
  nouns,
)
writeFileSync(join(OUT, 'people.json'), peopleFile.text)
writeFileSync(join(OUT, 'organisations.json'), orgFile.text)
writeFileSync(join(OUT, 'sector-nouns.json'), nounFile.text)
const earlierList = [...earlier.values()].sort((a, b) => a.id.localeCompare(b.id))
writeFileSync(
  join(OUT, 'earlier-roles.json'),
  entriesText(
    `Offices the Phoenix actor files date before the first role our registry gives the same person (matched by full name, in a country one of our roles has; an office running into ours is cut the day before): the loader adds them to our entry (id). ${NOTICE}`,
    earlierList,
  ).text,
)
const names = nameTable(
  `# cutoff=${cutoff} Name keys (p: people, o: organisations, as nameKey makes them) -> byte offsets of entries in people.json and organisations.json; names.bin holds their hashes. Compiled by scripts/convert-phoenix.ts. ${NOTICE}`,
  [...indexLines('p', cleanPeople, peopleFile.offsets), ...indexLines('o', finalOrgs, orgFile.offsets)],
)
writeFileSync(join(OUT, 'names.tsv'), names.tsv)
writeFileSync(join(OUT, 'names.bin'), names.bin)
console.log(`cutoff ${cutoff}; unreadable codes ${unreadable}`)
console.log(`${earlierList.length} people of ours get ${earlierList.reduce((n, p) => n + p.roles.length, 0)} earlier offices`)
console.log(
  `${cleanPeople.length} people (${cleanPeople.reduce((n, p) => n + p.roles.length, 0)} roles), ${finalOrgs.length} organisations, ${nouns.length} role nouns`,
)
for (const [k, v] of [...drops].sort((a, b) => b[1] - a[1])) console.log(`  dropped ${String(v).padStart(6)}  ${k}`)
