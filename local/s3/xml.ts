import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { AwsError } from '../edge/aws-error.ts'

/**
 * S3 speaks XML both ways. Responses are written by a tiny serializer (element
 * order matters to nobody but readers, and S3's own order is kept); request
 * bodies are parsed with fast-xml-parser, values kept as strings (a key
 * "007" must stay "007") and untrimmed (keys may start or end with spaces).
 */
export type XmlValue = string | number | boolean | undefined | XmlElement | readonly XmlValue[]
export interface XmlElement {
  readonly [name: string]: XmlValue
}

export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/'

// XML 1.0 cannot carry most control characters even escaped; S3 refuses such
// keys unless the client asks for encoding-type=url.
const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (character) => ESCAPES[character] ?? character)
}

function serialize(name: string, value: XmlValue): string {
  if (value === undefined) return ''
  if (Array.isArray(value)) return value.map((item: XmlValue) => serialize(name, item)).join('')
  if (typeof value === 'object') {
    const children = Object.entries(value as XmlElement)
      .map(([child, childValue]) => serialize(child, childValue))
      .join('')
    return `<${name}>${children}</${name}>`
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`
}

/** A whole document: `toXmlDocument('ListBucketResult', { Name: 'b', Contents: [...] })`. */
export function toXmlDocument(
  root: string,
  body: XmlElement,
  xmlns: string | undefined = S3_XMLNS,
): string {
  const inner = serialize(root, body)
  const opening = xmlns === undefined ? `<${root}>` : `<${root} xmlns="${xmlns}">`
  return `<?xml version="1.0" encoding="UTF-8"?>\n${opening}${inner.slice(root.length + 2)}`
}

const malformedXml = () =>
  new AwsError(
    'MalformedXML',
    400,
    'The XML you provided was not well-formed or did not validate against our published schema',
  )

/**
 * Parses a request body; `repeated` names the elements that may occur more
 * than once, so they always come back as arrays.
 */
export function parseXmlBody(
  body: Uint8Array,
  repeated: readonly string[],
): Record<string, unknown> {
  const text = new TextDecoder().decode(body)
  if (text.trim() === '' || XMLValidator.validate(text) !== true) throw malformedXml()
  const parser = new XMLParser({
    ignoreAttributes: true,
    ignoreDeclaration: true,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => repeated.includes(name),
  })
  return parser.parse(text) as Record<string, unknown>
}

/** A child element's text, or undefined when it is absent or has children of its own. */
export function textOf(node: unknown, name: string): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined
  const value = (node as Record<string, unknown>)[name]
  return typeof value === 'string' ? value : undefined
}

export function childrenOf(node: unknown, name: string): unknown[] {
  if (typeof node !== 'object' || node === null) return []
  const value = (node as Record<string, unknown>)[name]
  return Array.isArray(value) ? value : value === undefined ? [] : [value]
}

export function rootOf(document: Record<string, unknown>, name: string): unknown {
  if (!(name in document)) throw malformedXml()
  const root = document[name]
  // An empty root element parses as "".
  return typeof root === 'object' && root !== null ? root : {}
}

export { malformedXml }
