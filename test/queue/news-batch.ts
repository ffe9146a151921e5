// Synthetic short news documents for the queue tests and benchmark: each one distinct (its
// number is in the text), each with a few events, written for these tests only.

const STATES = ['Russia', 'Ukraine', 'France', 'Germany', 'Iran', 'Israel', 'China', 'Japan', 'Turkey', 'Egypt', 'Brazil', 'India', 'Poland', 'Canada']
const VERBS = ['condemned', 'praised', 'accused', 'criticized', 'welcomed', 'threatened', 'thanked', 'blamed']
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']

/** The i-th synthetic document: a dated article of three sentences naming states that act on each other. */
export function newsDocument(i: number): { id: string; text: string; published: string } {
  const a = STATES[i % STATES.length] as string
  const b = STATES[(i * 5 + 3) % STATES.length] as string
  const c = STATES[(i * 3 + 7) % STATES.length] as string
  const v = VERBS[i % VERBS.length] as string
  const w = VERBS[(i * 7 + 2) % VERBS.length] as string
  const day = DAYS[i % DAYS.length] as string
  const text =
    `${a} ${v} ${b} on ${day} after talks broke down, officials said in statement ${i + 1}. ` +
    `The foreign minister of ${c} ${w} ${a} for its role in the dispute. ` +
    `Delegates from ${b} said they would meet again within ${(i % 9) + 2} days.`
  return { id: `doc-${i + 1}`, text, published: `2025-0${(i % 9) + 1}-1${i % 10}` }
}

/** `n` documents as JSONL lines (one per line, ending with a newline). */
export function newsJsonl(n: number, from = 0): string {
  let out = ''
  for (let i = from; i < from + n; i++) out += `${JSON.stringify(newsDocument(i))}\n`
  return out
}
