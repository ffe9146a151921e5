import type { LayerName, Layers, Message } from './types.js'

/** What a document is made from: one of text or html, with optional metadata. */
export interface Input {
  readonly id?: string
  readonly text?: string
  readonly html?: string
  readonly url?: string
  /** Publication date, YYYY-MM-DD, used when the article itself gives none. */
  readonly published?: string
  /** false: the text is already clean and must be kept byte for byte. */
  readonly clean?: boolean
}

/**
 * The one object that flows through the pipeline: the input, the article text (set by
 * `extract`), the layers added so far, and the messages about the content. Frozen; a
 * stage returns a new Doc with `withLayer`.
 */
export interface Doc {
  readonly id: string
  readonly input: Input
  readonly text: string
  readonly layers: Readonly<Partial<Layers>>
  readonly messages: readonly Message[]
}

/** Creates the document for an input; the text stays empty until `extract` runs. */
export function createDoc(input: Input, id: string): Doc {
  return Object.freeze({ id, input: Object.freeze({ ...input }), text: '', layers: Object.freeze({}), messages: Object.freeze([]) })
}

/**
 * Returns a new Doc with one more layer. A layer is written once: adding it twice is a
 * programming error.
 */
export function withLayer<K extends LayerName>(doc: Doc, name: K, value: Layers[K], extra: { text?: string; messages?: readonly Message[] } = {}): Doc {
  if (doc.layers[name] !== undefined) {
    throw new TypeError(`layer "${name}" is already set on document ${doc.id}: stages add layers, they never rewrite them`)
  }
  const layers = Object.freeze({ ...doc.layers, [name]: deepFreeze(value) })
  const messages = extra.messages?.length ? Object.freeze([...doc.messages, ...extra.messages]) : doc.messages
  return Object.freeze({ ...doc, text: extra.text ?? doc.text, layers, messages })
}

/** Reads a layer a stage depends on, or throws a TypeError naming the missing stage. */
export function need<K extends LayerName>(doc: Doc, name: K, by: string): Layers[K] {
  const value = doc.layers[name]
  if (value === undefined) {
    throw new TypeError(`stage "${by}" needs the "${name}" layer: run the stage that adds it first`)
  }
  return value as Layers[K]
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    // by index and by key: Object.values would build an array per object (tokens are many)
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) deepFreeze(value[i])
    else for (const key in value) deepFreeze(value[key])
  }
  return value
}
