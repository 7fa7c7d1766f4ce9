import { describe, expect, it } from 'vitest'
import { catalogFilterParams, catalogFiltersFrom } from './catalog-filters.ts'

describe('catalog filters in the URL', () => {
  it('read model, text and page, with defaults', () => {
    expect(catalogFiltersFrom(new URLSearchParams(''))).toEqual({
      model: undefined,
      modelProblem: undefined,
      text: '',
      page: 1,
    })
    expect(catalogFiltersFrom(new URLSearchParams('model=lamp-v2&q=scenes&page=3'))).toEqual({
      model: 'lamp-v2',
      modelProblem: undefined,
      text: 'scenes',
      page: 3,
    })
  })

  it('keep a model that is not a model name, with why', () => {
    const filters = catalogFiltersFrom(new URLSearchParams('model=lamp%2Fv2'))
    expect(filters.model).toBe('lamp/v2')
    expect(filters.modelProblem).toContain('remove "/"')
  })

  it('fall back to the first page for a page that is not one', () => {
    for (const page of ['0', '-2', 'two', '1.5'])
      expect(catalogFiltersFrom(new URLSearchParams({ page })).page).toBe(1)
  })

  it('write only what differs from the defaults', () => {
    expect(catalogFilterParams({ model: undefined, text: '', page: 1 })).toEqual({
      model: undefined,
      q: undefined,
      page: undefined,
    })
    expect(catalogFilterParams({ model: 'lock-v3', text: 'x', page: 2 })).toEqual({
      model: 'lock-v3',
      q: 'x',
      page: '2',
    })
  })
})
