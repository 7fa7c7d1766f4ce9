import { identifierProblem, JOB_ID_RULE, THING_NAME_RULE } from '@domain/identifiers.ts'

/**
 * Where configurations live in the config bucket: demo and hand-written
 * files at `<model>/<name>.json`, and what devices upload at
 * `uploads/<thingName>/<jobId>.json`, so every upload has its own key (a
 * second upload never overwrites the first) and names the device and the job
 * that produced it.
 */
export const CONFIG_UPLOADS_PREFIX = 'uploads/'
const JSON_SUFFIX = '.json'

export type ConfigLocation =
  | {
      readonly kind: 'upload'
      readonly key: string
      readonly thingName: string
      readonly jobId: string
    }
  | { readonly kind: 'model'; readonly key: string; readonly model: string; readonly name: string }

/** The key a config-upload job's device writes to; throws on names AWS would not have given us. */
export function configUploadKey(thingName: string, jobId: string): string {
  const problem =
    identifierProblem(THING_NAME_RULE, thingName) ?? identifierProblem(JOB_ID_RULE, jobId)
  if (problem !== undefined) throw new Error(problem)
  return `${CONFIG_UPLOADS_PREFIX}${thingName}/${jobId}${JSON_SUFFIX}`
}

/** The prefix of one device's uploads, or of every upload. */
export const configUploadsPrefix = (thingName?: string): string =>
  thingName === undefined ? CONFIG_UPLOADS_PREFIX : `${CONFIG_UPLOADS_PREFIX}${thingName}/`

/** What a key in the config bucket is, or undefined for objects that are not configurations. */
export function parseConfigKey(key: string): ConfigLocation | undefined {
  if (!key.endsWith(JSON_SUFFIX)) return undefined
  const parts = key.slice(0, -JSON_SUFFIX.length).split('/')
  if (parts.length === 3 && `${parts[0]}/` === CONFIG_UPLOADS_PREFIX) {
    const [, thingName = '', jobId = ''] = parts
    if (
      identifierProblem(THING_NAME_RULE, thingName) !== undefined ||
      identifierProblem(JOB_ID_RULE, jobId) !== undefined
    )
      return undefined
    return { kind: 'upload', key, thingName, jobId }
  }
  if (parts.length === 2) {
    const [model = '', name = ''] = parts
    if (model === '' || name === '' || `${model}/` === CONFIG_UPLOADS_PREFIX) return undefined
    return { kind: 'model', key, model, name }
  }
  return undefined
}
