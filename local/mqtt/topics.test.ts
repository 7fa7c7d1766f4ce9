import { describe, expect, it } from 'vitest'
import { filterWithin, topicMatches } from './topics.ts'

describe('topicMatches', () => {
  it.each([
    ['$aws/events/job/+/completed', '$aws/events/job/j1/completed', true],
    ['$aws/events/#', '$aws/events/jobExecution/j1/succeeded', true],
    ['$aws/events/#', '$aws/events', true],
    ['$aws/events/job/+/completed', '$aws/events/job/j1/canceled', false],
    ['#', '$aws/events/job/j1/completed', false],
    ['+/events/#', '$aws/events/job', false],
    ['a/+', 'a/b/c', false],
    ['a/b', 'a/b', true],
  ])('%s against %s is %s', (filter, topic, expected) => {
    expect(topicMatches(filter, topic)).toBe(expected)
  })
})

describe('filterWithin', () => {
  it.each([
    ['$aws/events/#', '$aws/events/#', true],
    ['$aws/events/job/+/completed', '$aws/events/#', true],
    ['$aws/#', '$aws/events/#', false],
    ['#', '$aws/events/#', false],
    ['$aws/things/t1/jobs/notify', '$aws/things/t1/jobs/#', true],
    ['$aws/things/+/jobs/notify', '$aws/things/t1/jobs/#', false],
    ['$aws/things/t1/jobs/+', '$aws/things/t1/jobs/#', true],
  ])('%s within %s is %s', (filter, pattern, expected) => {
    expect(filterWithin(filter, pattern)).toBe(expected)
  })
})
