/**
 * Whether two JSON texts hold the same value, whatever the key order or
 * spacing. GetJobDocument returns the document AWS stored, which need not be
 * byte for byte the text we sent, so "the same job document" means the same
 * JSON value.
 */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    )
  }
  return value
}

export function sameJsonText(left: string, right: string): boolean {
  try {
    return (
      JSON.stringify(canonical(JSON.parse(left))) === JSON.stringify(canonical(JSON.parse(right)))
    )
  } catch {
    return false
  }
}
