import { describe, expect, it } from 'vitest'
import { runStepChecks, stepsToCheck, type StepCheck } from './wizard-navigation.ts'

describe('stepsToCheck', () => {
  it('checks every step from the current one up to the requested one', () => {
    expect(stepsToCheck(0, 3)).toEqual([0, 1, 2])
    expect(stepsToCheck(1, 3)).toEqual([1, 2])
    expect(stepsToCheck(2, 3)).toEqual([2])
  })

  it('checks nothing going back or staying', () => {
    expect(stepsToCheck(3, 1)).toEqual([])
    expect(stepsToCheck(2, 2)).toEqual([])
  })
})

describe('runStepChecks', () => {
  const recording = (failAt?: number) => {
    const calls: Array<[number, string]> = []
    const check: StepCheck<string> = (index, carried) => {
      calls.push([index, carried])
      return Promise.resolve(
        index === failAt ? { ok: false } : { ok: true, carried: `${carried}>${index}` },
      )
    }
    return { calls, check }
  }

  it('passes each step what the previous one resolved, in order', async () => {
    const { calls, check } = recording()
    const outcome = await runStepChecks(stepsToCheck(0, 3), 'start', check)
    expect(calls).toEqual([
      [0, 'start'],
      [1, 'start>0'],
      [2, 'start>0>1'],
    ])
    expect(outcome).toEqual({ passed: true, carried: 'start>0>1>2' })
  })

  it('stops at the first step that fails and checks none after it', async () => {
    const { calls, check } = recording(1)
    const outcome = await runStepChecks(stepsToCheck(0, 3), 'start', check)
    expect(calls.map(([index]) => index)).toEqual([0, 1])
    expect(outcome).toEqual({ passed: false, failedStep: 1 })
  })

  it('a jump from a later step still checks that step', async () => {
    const { calls, check } = recording(2)
    const outcome = await runStepChecks(stepsToCheck(2, 3), 'resolved', check)
    expect(calls).toEqual([[2, 'resolved']])
    expect(outcome).toEqual({ passed: false, failedStep: 2 })
  })

  it('passes with the initial value when nothing is checked', async () => {
    const { calls, check } = recording()
    expect(await runStepChecks([], 'start', check)).toEqual({ passed: true, carried: 'start' })
    expect(calls).toEqual([])
  })
})
