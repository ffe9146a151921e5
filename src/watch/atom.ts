import type { StoredAlert, StoredWatch } from '../store/watches.js'

const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string)

interface EvidenceEvent {
  date: string | null
  source: string | null
  target: string | null
  cameo: string
  cameoName: string
  evidence: string
  articleTitle: string | null
  articleUrl: string | null
}

/**
 * A watch's alerts as an Atom 1.0 feed (RFC 4287), newest first: one entry per alert, its
 * summary as the title, its evidence sentences with their articles' links as the content.
 * `self` is the feed's own URL.
 */
export function alertsFeed(watch: Pick<StoredWatch, 'name' | 'createdAt'>, alerts: readonly StoredAlert[], self: string): string {
  const updated = alerts[0]?.firedAt ?? watch.createdAt
  const entries = alerts.map((a) => {
    const detail = JSON.parse(a.detail) as { events?: EvidenceEvent[]; eventCount?: number }
    const events = detail.events ?? []
    const items = events.map((e) => {
      const article = e.articleUrl
        ? `<a href="${escapeXml(e.articleUrl)}">${escapeXml(e.articleTitle ?? e.articleUrl)}</a>`
        : escapeXml(e.articleTitle ?? 'untitled article')
      return `<li>${escapeXml(`${e.date ?? ''} ${e.source ?? '?'} → ${e.target ?? '?'} ${e.cameo} ${e.cameoName}: `)}<q>${escapeXml(e.evidence)}</q> (${article})</li>`
    })
    const more = (detail.eventCount ?? events.length) > events.length ? `<p>${(detail.eventCount ?? 0) - events.length} more event(s)</p>` : ''
    const html = `<p>${escapeXml(a.summary)}</p><ul>${items.join('')}</ul>${more}`
    const link = events.find((e) => e.articleUrl)?.articleUrl
    return [
      '  <entry>',
      `    <id>urn:sitrep:watch:${encodeURIComponent(a.watch)}:alert:${a.id}</id>`,
      `    <title>${escapeXml(`${a.kind}: ${a.summary}`)}</title>`,
      `    <updated>${escapeXml(a.firedAt)}</updated>`,
      ...(link ? [`    <link rel="related" href="${escapeXml(link)}"/>`] : []),
      `    <category term="${escapeXml(a.kind)}"/>`,
      `    <content type="html">${escapeXml(html)}</content>`,
      '  </entry>',
    ].join('\n')
  })
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>urn:sitrep:watch:${encodeURIComponent(watch.name)}</id>`,
    `  <title>${escapeXml(`sitrep watch ${watch.name}`)}</title>`,
    `  <updated>${escapeXml(updated)}</updated>`,
    `  <link rel="self" href="${escapeXml(self)}"/>`,
    '  <author><name>sitrep</name></author>',
    ...entries,
    '</feed>',
    '',
  ].join('\n')
}
