import { codePointLength } from '../../domain/number-rules.ts'
import { invalidRequest } from '../edge/aws-error.ts'

/** CreateJob's document limit, counted in characters as the model counts string length. */
export const MAX_DOCUMENT_CHARACTERS = 32_768

/** The document rules CreateJob and CreateJobTemplate share: a JSON object within the size limit. */
export function checkDocument(document: string): void {
  if (codePointLength(document) > MAX_DOCUMENT_CHARACTERS) {
    throw invalidRequest(`The job document is longer than ${MAX_DOCUMENT_CHARACTERS} characters.`)
  }
  try {
    const parsed: unknown = JSON.parse(document)
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object')
  } catch {
    throw invalidRequest('The job document must be a JSON object.')
  }
}
