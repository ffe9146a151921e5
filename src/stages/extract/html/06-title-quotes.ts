/**
 * The title with its single quotation marks typed as the article's text types apostrophes: where
 * the body writes one straight ("it's"), the curly marks of the headline ("Here’s how to ...",
 * "Yann LeCun ‘Godfather of AI’") come from the site's typographic filter on headlines, and the
 * title is written plain. A body that types only curly apostrophes keeps the title as printed,
 * and double quotation marks stay as they are.
 */
export function quotesLikeBody(title: string | null, paragraphs: readonly string[]): string | null {
  if (!title || !/[‘’]/.test(title)) return title
  if (!paragraphs.some((p) => STRAIGHT_APOSTROPHE.test(p))) return title
  return title.replace(/[‘’]/g, "'")
}
// An apostrophe typed straight between two letters: "it's", "O'Brien".
const STRAIGHT_APOSTROPHE = /\p{L}'\p{L}/u
