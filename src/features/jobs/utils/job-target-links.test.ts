import { describe, expect, it } from 'vitest'
import { jobTargetLinkOf, jobTargetLinksOf } from './job-target-links.ts'

const THING = 'arn:aws:iot:us-east-1:000000000000:thing/lamp-0001'
const GROUP = 'arn:aws:iot:us-east-1:000000000000:thinggroup/canary-lamp-v2'

describe('jobTargetLinkOf', () => {
  it('links a thing ARN to its thing page and a group ARN to its group page', () => {
    expect(jobTargetLinkOf(THING)).toEqual({
      kind: 'thing',
      name: 'lamp-0001',
      href: '/fleet/things/lamp-0001',
    })
    expect(jobTargetLinkOf(GROUP)).toEqual({
      kind: 'thinggroup',
      name: 'canary-lamp-v2',
      href: '/fleet/groups/canary-lamp-v2',
    })
  })

  it('encodes names for the path', () => {
    const link = jobTargetLinkOf('arn:aws:iot:us-east-1:000000000000:thing/line:7')
    expect(link).toMatchObject({ name: 'line:7', href: '/fleet/things/line%3A7' })
  })

  it('keeps anything else as an unlinked ARN', () => {
    const arn = 'arn:aws:iot:us-east-1:000000000000:billinggroup/x'
    expect(jobTargetLinkOf(arn)).toEqual({ kind: 'other', arn })
    expect(jobTargetLinkOf('<script>')).toEqual({ kind: 'other', arn: '<script>' })
  })
})

describe('jobTargetLinksOf', () => {
  it('puts groups before things and keeps the order within each', () => {
    const other = 'arn:aws:iot:us-east-1:000000000000:thing/lamp-0002'
    expect(jobTargetLinksOf([THING, GROUP, other]).map((link) => link.kind)).toEqual([
      'thinggroup',
      'thing',
      'thing',
    ])
    expect(
      jobTargetLinksOf([THING, other]).map((link) => ('name' in link ? link.name : '')),
    ).toEqual(['lamp-0001', 'lamp-0002'])
  })
})
