/**
 * A device's statusDetails as one line of text: the keys people read first
 * (step, progress, reason, message), then the rest in key order. The
 * values are whatever the device sent; the caller renders them as text.
 */
const FIRST = ['step', 'progress', 'reason', 'message'] as const

export function statusDetailsText(details: Readonly<Record<string, string>>): string {
  const keys = Object.keys(details)
  const ordered = [
    ...FIRST.filter((key) => key in details),
    ...keys.filter((key) => !(FIRST as readonly string[]).includes(key)).sort(),
  ]
  return ordered
    .map((key) =>
      key === 'progress' ? `${details[key] ?? ''} %` : `${key}: ${details[key] ?? ''}`,
    )
    .join(' · ')
}
