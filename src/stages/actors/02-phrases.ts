import { wordReader } from '../../core/tokens.js'
import type { Token } from '../../core/types.js'
import type { Mention } from './01-mentions.js'

/** An actor phrase: an optional core name with the origins and roles around it. */
export interface Phrase {
  readonly first: number
  readonly end: number
  /** The person, organisation or name the phrase is about, if it names one. */
  readonly core: Mention | null
  /** Countries, demonyms, seats and places that say whose actor it is. */
  readonly origins: readonly Mention[]
  /** Role nouns and titles, in order. */
  readonly roles: readonly Mention[]
  /** Groups without a country ("Druze", "Islamist"). */
  readonly groups: readonly Mention[]
  /** "former President Bashar Assad": the role is over. */
  readonly former: boolean
  /** The origin came after "of"/"from": "president of the European Council". */
  readonly owned: boolean
}

/** Words that say a role is over; they may stand up to two words before the phrase. */
export interface PhraseOptions {
  readonly formerWords: ReadonlySet<string>
}

const CORE = new Set(['person', 'surname', 'organisation', 'name'])
const ORIGIN = new Set(['country', 'demonym', 'seat', 'place'])
// "the President of the European Council", "soldiers from Chad": the owner follows
const OWNER_LINKS = new Set(['of', 'from'])
// "police in Kyiv", "people in the UK": a civil role with its place; "troops in Syria"
// are not Syria's troops, so armed roles do not take their place as owner
const PLACE_LINKS = new Set(['in', 'across'])
const CIVIL_SECTORS = /^(GOV|COP|JUD|LEG|CVL|REF|EDU|HLH|BUS|MED|LAB|AGR)/
const POSSESSIVE = /^['’]s?$/

/**
 * Pass 2: groups adjacent mentions into actor phrases — "French President Emmanuel
 * Macron", "Burkina Faso’s ruling junta", "the rebel FDLR force", "president of the
 * European Council" — and marks phrases whose role is over ("former", "ex-").
 */
export function groupPhrases(text: string, tokens: readonly Token[], mentions: readonly Mention[], options: PhraseOptions): Phrase[] {
  const word = wordReader(text, tokens)
  const isFormer = (i: number): boolean => options.formerWords.has(word(i).toLowerCase().replace(/-$/, ''))
  const phrases: Phrase[] = []
  let current: { first: number; end: number; core: Mention | null; origins: Mention[]; roles: Mention[]; groups: Mention[]; owned: boolean } | null = null

  const close = (): void => {
    if (!current) return
    let former = false
    for (let k = current.first - 1; k >= Math.max(0, current.first - 2); k--) if (isFormer(k)) former = true
    for (let k = current.first; k < current.end; k++) if (isFormer(k)) former = true
    phrases.push({ ...current, former })
    current = null
  }

  for (const m of mentions) {
    if (current && joins(current, m)) {
      const owned = current.end < m.first && OWNER_LINKS.has(word(current.end).toLowerCase())
      place(current, m)
      current.end = m.end
      if (owned) current.owned = true
      continue
    }
    close()
    current = { first: m.first, end: m.end, core: null, origins: [], roles: [], groups: [], owned: false }
    place(current, m)
  }
  close()
  return phrases

  function place(p: { core: Mention | null; origins: Mention[]; roles: Mention[]; groups: Mention[] }, m: Mention): void {
    // "GOP nominee X": the party before the role is the person's, the person the core
    if (CORE.has(m.kind) && p.core && partyCore(p.core)) p.groups.push(p.core)
    if (CORE.has(m.kind)) p.core = m
    else if (ORIGIN.has(m.kind)) p.origins.push(m)
    else if (m.kind === 'group') p.groups.push(m)
    else p.roles.push(m)
  }

  function joins(p: { end: number; core: Mention | null; origins: Mention[]; roles: Mention[] }, m: Mention): boolean {
    if ((tokens[m.first] as Token).sentence !== (tokens[p.end - 1] as Token).sentence) return false
    const gap: string[] = []
    for (let k = p.end; k < m.first; k++) gap.push(word(k))
    const lower = gap.map((g) => g.toLowerCase())
    const hasCore = p.core !== null
    // after the name only roles may follow ("Kano State government"), or an owner
    if (gap.length === 0) {
      if (CORE.has(m.kind)) return !hasCore || (partyCore(p.core) && p.roles.length > 0 && m.kind !== 'organisation')
      if (ORIGIN.has(m.kind)) return !hasCore && p.roles.length === 0
      return true
    }
    // "Ukraine’s military", "Burkina Faso’s ruling junta": the possessor owns the role
    if (POSSESSIVE.test(gap[0] ?? '') && !hasCore && p.roles.length === 0) {
      const rest = gap.slice(1)
      return m.kind === 'role' && rest.length <= 2 && rest.every((_, k) => adjective(p.end + 1 + k))
    }
    // "the rebel FDLR force", "two Chinese-made warplanes": adjectives between pieces
    // but after a name or a role a participle is its verb: "Mahinda Rajapaksa addressed
    // parliament", "police arrested 40 protesters"
    const verbAfterHead = (k: number): boolean => (hasCore || p.roles.length > 0) && tokens[p.end + k]?.pos === 'VERB'
    if (gap.length <= 2 && gap.every((_, k) => adjective(p.end + k) && !verbAfterHead(k)) && m.kind === 'role') return true
    const link = lower[0] ?? ''
    const rest = lower.slice(1)
    if (p.roles.length === 0 || hasCore || !(ORIGIN.has(m.kind) || m.kind === 'organisation')) return false
    if (!(rest.length === 0 || (rest.length === 1 && rest[0] === 'the'))) return false
    if (OWNER_LINKS.has(link)) return true
    const sector = p.roles[p.roles.length - 1]?.role?.sector ?? ''
    return PLACE_LINKS.has(link) && CIVIL_SECTORS.test(sector)
  }

  // a political party's name as the phrase's core so far ("GOP", "Labour")
  function partyCore(core: Mention | null): boolean {
    return core?.kind === 'organisation' && (core.organisations ?? []).some((o) => o.sector === 'PTY')
  }

  function adjective(i: number): boolean {
    const t = tokens[i]
    return Boolean(t && (t.pos === 'ADJ' || t.pos === 'NUM' || (t.pos === 'VERB' && /ing$|ed$/.test(word(i)))) && !/^(of|from|in|to)$/i.test(word(i)))
  }
}
