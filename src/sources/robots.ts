import { escapeRegExp } from '../core/regexp.js'

/** The rules of one robots.txt that apply to one user agent. */
export interface RobotsRules {
  /** Whether the path (with its query) may be fetched. */
  allows(pathAndQuery: string): boolean
}

interface Rule {
  readonly allow: boolean
  readonly pattern: string
  readonly re: RegExp
}

/**
 * Reads a robots.txt (RFC 9309): the group naming the agent's product token, else `*`;
 * the longest matching pattern wins, Allow wins a tie; `*` and a closing `$` are understood.
 */
export function parseRobots(text: string, agentToken: string): RobotsRules {
  const token = agentToken.toLowerCase()
  const groups: { agents: string[]; rules: Rule[] }[] = []
  let current: { agents: string[]; rules: Rule[] } | null = null
  let lastWasAgent = false
  for (const raw of text.split(/\r?\n|\r/)) {
    const line = raw.replace(/#.*/, '').trim()
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line)
    if (!m) continue
    const key = (m[1] as string).toLowerCase()
    const value = (m[2] as string).trim()
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] }
        groups.push(current)
      }
      current.agents.push(value.toLowerCase())
      lastWasAgent = true
      continue
    }
    lastWasAgent = false
    if (!current || (key !== 'allow' && key !== 'disallow')) continue
    // "Disallow:" with nothing after it allows everything
    if (value === '') continue
    current.rules.push({ allow: key === 'allow', pattern: value, re: patternToRegExp(value) })
  }
  const mine = groups.filter((g) => g.agents.some((a) => a !== '*' && token.startsWith(a)))
  const chosen = mine.length ? mine : groups.filter((g) => g.agents.includes('*'))
  const rules = chosen.flatMap((g) => g.rules)
  return {
    allows(pathAndQuery) {
      let best: Rule | null = null
      for (const r of rules) {
        if (!r.re.test(pathAndQuery)) continue
        if (!best || r.pattern.length > best.pattern.length || (r.pattern.length === best.pattern.length && r.allow)) best = r
      }
      return best ? best.allow : true
    },
  }
}

function patternToRegExp(pattern: string): RegExp {
  const anchored = pattern.endsWith('$')
  const body = (anchored ? pattern.slice(0, -1) : pattern).split('*').map(escapeRegExp).join('.*')
  return new RegExp(`^${body}${anchored ? '$' : ''}`)
}

/** Rules that allow everything (no robots.txt, or one that could not be read as text). */
export const ALLOW_ALL: RobotsRules = { allows: () => true }
/** Rules that refuse everything (the site answered robots.txt with a server error). */
export const DISALLOW_ALL: RobotsRules = { allows: () => false }
