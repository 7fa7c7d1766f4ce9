import { z } from 'zod'

/** A whole number within AWS's documented range, with one message for every way to miss it. */
export function integerInRange(label: string, min: number, max: number) {
  const message = `${label} must be a whole number from ${min} to ${max}.`
  return z
    .number({ error: message })
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message })
}

/** True when `value` has at most `places` digits after the decimal point (AWS counts them in the decimal text). */
export function hasAtMostDecimalPlaces(value: number, places: number): boolean {
  const scaled = value * 10 ** places
  // Binary floating point: 10.99 * 100 is 1098.9999999999999, which is still "two places".
  return Math.abs(scaled - Math.round(scaled)) < 1e-6
}

/** Length in Unicode code points, which is how AWS's models count string length. */
export function codePointLength(value: string): number {
  let length = 0
  for (const _ of value) length += 1
  return length
}
