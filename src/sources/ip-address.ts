import { isIPv4, isIPv6 } from 'node:net'

/** Why an address may not be fetched from, or null when it is a public unicast address. */
export function blockedReason(address: string): string | null {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address
  if (isIPv4(bare)) return ipv4Reason(ipv4ToInt(bare))
  if (isIPv6(bare)) return ipv6Reason(ipv6ToGroups(bare))
  return 'not an IP address'
}

// [first address, prefix length, why] — IANA special-purpose IPv4 ranges (RFC 6890 and its updates)
const IPV4_BLOCKS: readonly (readonly [string, number, string])[] = [
  ['0.0.0.0', 8, '"this network"'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local (cloud metadata lives here)'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
]
const IPV4_TABLE = IPV4_BLOCKS.map(([first, bits, why]) => ({ base: ipv4ToInt(first), mask: bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0, why }))

function ipv4Reason(n: number): string | null {
  for (const b of IPV4_TABLE) if ((n & b.mask) >>> 0 === b.base) return b.why
  return null
}

function ipv4ToInt(a: string): number {
  return a.split('.').reduce((n, part) => ((n << 8) | Number(part)) >>> 0, 0)
}

function ipv6Reason(g: readonly number[]): string | null {
  const [g0 = 0, g1 = 0] = g
  if (g.every((x) => x === 0)) return 'unspecified'
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback'
  // ::ffff:a.b.c.d and ::a.b.c.d carry an IPv4 address; refused whatever it is, so no IPv4 rule is bypassed
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) return 'IPv4-mapped IPv6'
  if (g0 === 0x64 && g1 === 0xff9b) return 'NAT64 (embeds an IPv4 address)'
  if (g0 === 0x2002) return '6to4 (embeds an IPv4 address)'
  if (g0 === 0x2001 && g1 < 0x200) return 'IETF special purpose (Teredo and others)'
  if (g0 === 0x2001 && g1 === 0xdb8) return 'documentation'
  if ((g0 & 0xfe00) === 0xfc00) return 'unique local (private)'
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local'
  if ((g0 & 0xffc0) === 0xfec0) return 'site-local'
  if ((g0 & 0xff00) === 0xff00) return 'multicast'
  // only 2000::/3 is allocated as global unicast
  if ((g0 & 0xe000) !== 0x2000) return 'reserved'
  return null
}

function ipv6ToGroups(a: string): number[] {
  let text = a.split('%')[0] as string
  const tail: number[] = []
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (v4?.[1]) {
    const n = ipv4ToInt(v4[1])
    tail.push(n >>> 16, n & 0xffff)
    text = text.slice(0, -v4[1].length)
    // "::ffff:" loses its lone trailing colon; "::" stays as it is
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1)
  }
  const [head = '', rest] = text.split('::')
  const left = head ? head.split(':').map((h) => Number.parseInt(h, 16)) : []
  const right = rest !== undefined && rest !== '' ? rest.split(':').map((h) => Number.parseInt(h, 16)) : []
  const fill = 8 - tail.length - left.length - right.length
  return [...left, ...(rest !== undefined ? new Array<number>(Math.max(fill, 0)).fill(0) : []), ...right, ...tail]
}
