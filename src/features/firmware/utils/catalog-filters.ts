import { FIRMWARE_MODEL_RULE } from '@domain/firmware-manifest.ts'
import { identifierProblem } from '@domain/identifiers.ts'

/**
 * The catalog page's state in its URL (`/firmware?model=lamp-v2&q=scenes&page=2`),
 * so every view of it is a link. A `model` that is not a model name is kept
 * with the reason, and nothing is asked of S3 for it.
 */
export interface CatalogFilters {
  readonly model: string | undefined
  readonly modelProblem: string | undefined
  readonly text: string
  readonly page: number
}

export function catalogFiltersFrom(params: URLSearchParams): CatalogFilters {
  const model = params.get('model') ?? ''
  const page = Number(params.get('page') ?? '1')
  return {
    model: model === '' ? undefined : model,
    modelProblem: model === '' ? undefined : identifierProblem(FIRMWARE_MODEL_RULE, model),
    text: params.get('q') ?? '',
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
  }
}

/** The query parameters for `paths.firmware.catalog`; the first page and empty filters are left out. */
export function catalogFilterParams(
  filters: Pick<CatalogFilters, 'model' | 'text' | 'page'>,
): Record<string, string | undefined> {
  return {
    model: filters.model,
    q: filters.text === '' ? undefined : filters.text,
    page: filters.page > 1 ? String(filters.page) : undefined,
  }
}
