/**
 * The TIMESTAMP of a PASSWORD_VERIFIER answer, in the form Cognito's Java
 * server parses, "EEE MMM d HH:mm:ss z yyyy" in English and UTC, e.g.
 * "Tue Mar 3 09:05:07 UTC 2026" (Amplify's getNowString). Text of another
 * shape is InvalidParameterException; a date Cognito would print otherwise
 * (a zero-padded day, the wrong weekday) fails the signature check and is
 * NotAuthorizedException, as measured against AWS.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

const SHAPE =
  /^[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([A-Za-z]{1,5}) (\d{4})$/

export const TIMESTAMP_FORMAT_MESSAGE =
  'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.'

export function formatSrpTimestamp(ms: number): string {
  const date = new Date(ms)
  const two = (value: number) => String(value).padStart(2, '0')
  return `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`
}

export type ParsedTimestamp =
  | { readonly kind: 'malformed' }
  | { readonly kind: 'noncanonical' }
  | { readonly kind: 'ok'; readonly ms: number }

export function parseSrpTimestamp(text: string): ParsedTimestamp {
  const match = SHAPE.exec(text)
  const month = MONTHS.indexOf(match?.[1] ?? '')
  if (match === null || month < 0) return { kind: 'malformed' }
  if (match[6] !== 'UTC') return { kind: 'noncanonical' }
  const [, , day = 0, hours = 0, minutes = 0, seconds = 0, , year = 0] = match.map(Number)
  const ms = Date.UTC(year, month, day, hours, minutes, seconds)
  return formatSrpTimestamp(ms) === text ? { kind: 'ok', ms } : { kind: 'noncanonical' }
}
