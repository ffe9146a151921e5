import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { blockedReason } from './ip-address.js'

describe('address classes', () => {
  const refused: [string, RegExp][] = [
    ['127.0.0.1', /loopback/],
    ['::1', /loopback/],
    ['10.0.0.1', /private/],
    ['172.31.255.255', /private/],
    ['192.168.1.1', /private/],
    ['169.254.169.254', /link-local/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['224.0.0.251', /multicast/],
    ['255.255.255.255', /reserved/],
    ['0.0.0.0', /this network/],
    ['::ffff:127.0.0.1', /IPv4-mapped/],
    ['::ffff:8.8.8.8', /IPv4-mapped/],
    ['::', /unspecified/],
    ['fe80::1', /link-local/],
    ['fd12:3456::1', /unique local/],
    ['ff02::1', /multicast/],
    ['64:ff9b::a00:1', /NAT64/],
    ['2002:a00:1::', /6to4/],
    ['2001:db8::1', /documentation/],
  ]
  for (const [a, why] of refused) it(`refuses ${a}`, () => assert.match(blockedReason(a) ?? 'allowed', why))
  it('lets public unicast addresses through', () => {
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '2a00:1450:4001::1']) assert.equal(blockedReason(a), null, a)
  })
  it('is handed hosts the URL parser already normalised (decimal, octal, hex IPv4)', () => {
    for (const h of ['2130706433', '0x7f000001', '0177.0.0.1', '127.1']) assert.equal(blockedReason(new URL(`http://${h}/`).hostname), 'loopback', h)
    assert.equal(blockedReason(new URL('http://[::ffff:127.0.0.1]/').hostname), 'IPv4-mapped IPv6')
  })
})
