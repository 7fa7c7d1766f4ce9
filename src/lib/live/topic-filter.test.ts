import { describe, expect, it } from 'vitest'
import { topicMatchesFilter } from './topic-filter.ts'

describe('topicMatchesFilter', () => {
  it.each([
    ['$aws/events/jobExecution/fw-2/#', '$aws/events/jobExecution/fw-2/succeeded'],
    ['$aws/events/jobExecution/fw-2/#', '$aws/events/jobExecution/fw-2'],
    ['$aws/events/+/fw-2/+', '$aws/events/job/fw-2/completed'],
    ['$aws/events/#', '$aws/events/job/fw-2/completed'],
    ['a/b', 'a/b'],
    ['a/+/c', 'a//c'],
  ])('%s matches %s', (filter, topic) => {
    expect(topicMatchesFilter(filter, topic)).toBe(true)
  })

  it.each([
    ['$aws/events/jobExecution/fw-2/#', '$aws/events/jobExecution/fw-20/succeeded'],
    ['$aws/events/job/fw-2/#', '$aws/events/jobExecution/fw-2/succeeded'],
    ['$aws/events/+/fw-2', '$aws/events/job/fw-2/completed'],
    ['a/b', 'a/b/c'],
    ['a/b/c', 'a/b'],
    // MQTT 3.1.1 §4.7.2: wildcards first do not reach $-topics.
    ['#', '$aws/events/job/fw-2/completed'],
    ['+/events/#', '$aws/events/job/fw-2/completed'],
  ])('%s does not match %s', (filter, topic) => {
    expect(topicMatchesFilter(filter, topic)).toBe(false)
  })
})
