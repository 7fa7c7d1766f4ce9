import { jobsKeys } from './jobs-keys.ts'

/**
 * Query keys of the configuration files in the config bucket. Under
 * `jobsKeys.all`, so a new job (whose upload will add a file) refreshes them.
 */
export const configurationKeys = {
  all: () => [...jobsKeys.all, 'configurations'] as const,
  list: (prefix: string, continuationToken: string | null) =>
    [...configurationKeys.all(), 'list', { prefix, continuationToken }] as const,
  object: (key: string) => [...configurationKeys.all(), 'object', key] as const,
  downloadUrl: (key: string) => [...configurationKeys.all(), 'download-url', key] as const,
}
