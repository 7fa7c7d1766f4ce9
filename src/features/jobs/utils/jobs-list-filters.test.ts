import { describe, expect, it } from 'vitest'
import { jobsListFilterParams, jobsListFiltersFrom } from './jobs-list-filters.ts'

const from = (query: string) => jobsListFiltersFrom(new URLSearchParams(query))

describe('jobsListFiltersFrom', () => {
  it('reads every filter', () => {
    expect(from('status=IN_PROGRESS&selection=CONTINUOUS&group=site-oslo')).toEqual({
      status: 'IN_PROGRESS',
      targetSelection: 'CONTINUOUS',
      thingGroupName: 'site-oslo',
      problem: undefined,
    })
  })

  it('has no filters for an empty query', () => {
    expect(from('')).toEqual({
      status: undefined,
      targetSelection: undefined,
      thingGroupName: undefined,
      problem: undefined,
    })
  })

  it('reports values ListJobs would refuse', () => {
    expect(from('status=RUNNING').problem).toMatch(/not a job status/)
    expect(from('selection=ONCE').problem).toMatch(/target selection/)
    expect(from('group=a%20b').problem).toMatch(/Thing group name/)
  })
})

describe('jobsListFilterParams', () => {
  it('round-trips and leaves empty filters out', () => {
    const params = jobsListFilterParams(from('status=COMPLETED&group=model-lamp-v2'))
    expect(params).toEqual({ status: 'COMPLETED', group: 'model-lamp-v2' })
    expect(from(new URLSearchParams(params).toString())).toMatchObject({
      status: 'COMPLETED',
      thingGroupName: 'model-lamp-v2',
    })
  })
})
