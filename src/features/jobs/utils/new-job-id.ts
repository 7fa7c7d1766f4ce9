import { JOB_ID_RULE } from '@domain/identifiers.ts'

/**
 * A job id chosen by the client, so a retried CreateJob names the same job
 * and AWS answers ResourceAlreadyExistsException instead of creating a second
 * one. `<prefix>-<UTC yyyymmdd-hhmmss>-<8 random hex>`: sortable by creation
 * time for an operator and unique without coordination. Characters the
 * JobId pattern refuses are replaced, and the prefix is shortened so the id
 * fits JOB_ID_RULE's 64 characters.
 */
const SUFFIX_LENGTH = '-yyyymmdd-hhmmss-xxxxxxxx'.length

function randomHex(bytes: number): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes))
  return [...values].map((value) => value.toString(16).padStart(2, '0')).join('')
}

export function newJobId(prefix: string, now: Date = new Date()): string {
  const safePrefix =
    [...prefix]
      .map((character) => (JOB_ID_RULE.allowedCharacter.test(character) ? character : '-'))
      .join('')
      .slice(0, JOB_ID_RULE.maxLength - SUFFIX_LENGTH) || 'job'
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace('T', '-')
    .slice(0, 'yyyymmdd-hhmmss'.length)
  return `${safePrefix}-${stamp}-${randomHex(4)}`
}
