/**
 * Query keys of the firmware feature. Everything starts with `firmware`, so
 * an upload invalidates the catalog, its models and their thing types in one go.
 */
export const firmwareKeys = {
  all: ['firmware'] as const,
  catalogs: () => [...firmwareKeys.all, 'catalog'] as const,
  /** One model's releases, or every model's when `model` is undefined. */
  catalog: (filters: { readonly model?: string | undefined }) =>
    [...firmwareKeys.catalogs(), { model: filters.model }] as const,
  models: () => [...firmwareKeys.all, 'models'] as const,
  thingTypes: () => [...firmwareKeys.all, 'thingTypes'] as const,
}
