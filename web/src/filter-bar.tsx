import { useEffect, useState } from 'preact/hooks'
import { FILTER_KEYS, type Filters, QUADS } from './api'
import { navigate } from './route'

// Each field of the form: its label and a hint of what it takes (the CLI's flag of the same name).
const FIELDS: { key: Exclude<(typeof FILTER_KEYS)[number], 'quad' | 'bbox'>; label: string; hint: string; type?: string }[] = [
  { key: 'actor1', label: 'Source actor', hint: 'RUS' },
  { key: 'actor2', label: 'Target actor', hint: 'UKR' },
  { key: 'actor', label: 'Either actor', hint: 'SYR' },
  { key: 'code', label: 'CAMEO code', hint: '19' },
  { key: 'country', label: 'Country (place)', hint: 'SYR' },
  { key: 'since', label: 'From', hint: '', type: 'date' },
  { key: 'until', label: 'To', hint: '', type: 'date' },
]

/** The shared event filters as a form; applying it puts them in the URL, which every view reads. */
export function FilterBar({ filters }: { filters: Filters }) {
  const [draft, setDraft] = useState<Filters>(filters)
  useEffect(() => setDraft(filters), [JSON.stringify(filters)])
  const set = (key: keyof Filters, value: string): void => setDraft((d) => ({ ...d, [key]: value }))
  const apply = (e: Event): void => {
    e.preventDefault()
    const changes: Record<string, string | null> = { offset: null }
    for (const key of FILTER_KEYS) changes[key] = draft[key]?.trim() || null
    navigate(changes)
  }
  const clear = (): void => {
    const changes: Record<string, null> = { offset: null }
    for (const key of FILTER_KEYS) changes[key] = null
    navigate(changes)
  }
  return (
    <form class="filters" onSubmit={apply} aria-label="Event filters">
      {FIELDS.map((f) => (
        <label key={f.key} htmlFor={`filter-${f.key}`}>
          <span>{f.label}</span>
          <input
            id={`filter-${f.key}`}
            name={f.key}
            type={f.type ?? 'text'}
            value={draft[f.key] ?? ''}
            placeholder={f.hint}
            size={f.type ? undefined : 7}
            autoComplete="off"
            onInput={(e) => set(f.key, (e.target as HTMLInputElement).value)}
          />
        </label>
      ))}
      <label htmlFor="filter-quad">
        <span>Quad class</span>
        <select id="filter-quad" name="quad" value={draft.quad ?? ''} onChange={(e) => set('quad', (e.target as HTMLSelectElement).value)}>
          <option value="">All</option>
          {Object.entries(QUADS).map(([q, { name }]) => (
            <option key={q} value={q}>
              {q} {name}
            </option>
          ))}
        </select>
      </label>
      {filters.bbox && (
        <label htmlFor="filter-bbox">
          <span>Area</span>
          <input id="filter-bbox" name="bbox" value={draft.bbox ?? ''} size={14} onInput={(e) => set('bbox', (e.target as HTMLInputElement).value)} />
        </label>
      )}
      <div class="filter-buttons">
        <button type="submit">Apply</button>
        <button type="button" onClick={clear}>
          Clear
        </button>
      </div>
    </form>
  )
}
