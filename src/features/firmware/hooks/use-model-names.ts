import { useMemo } from 'react'
import { useFirmwareModels } from '../api/list-firmware-models.ts'
import { useThingTypes } from '../api/list-thing-types.ts'

export interface ModelNames {
  readonly names: readonly string[]
  readonly isLoading: boolean
  /** Only when neither source answered; one of them is enough to offer names. */
  readonly error: unknown
}

/**
 * The models to offer in the filter and the upload form: those with releases
 * in the catalog (its top-level prefixes) and the account's thing types (each
 * model is a thing type, so a model's first image can be uploaded before the
 * catalog knows it). Two cheap calls; neither reads a manifest.
 */
export function useModelNames(): ModelNames {
  const catalog = useFirmwareModels()
  const thingTypes = useThingTypes()
  const names = useMemo(
    () => [...new Set([...(catalog.data ?? []), ...(thingTypes.data ?? [])])].sort(),
    [catalog.data, thingTypes.data],
  )
  return {
    names,
    isLoading: catalog.isLoading || thingTypes.isLoading,
    error: catalog.isError && thingTypes.isError ? catalog.error : undefined,
  }
}
