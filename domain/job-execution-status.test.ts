import { describe, expect, it } from 'vitest'
import {
  cancellationOf,
  isJobExecutionStatus,
  isTerminalJobExecutionStatus,
  JOB_EXECUTION_STATUSES,
  transitionJobExecution,
  type JobExecutionActor,
} from './job-execution-status.ts'

/**
 * Every allowed move, written out from the AWS developer guide ("Job execution
 * states") independently of the table under test. Anything not listed must be
 * refused. "(force)" marks moves allowed only with force.
 */
const ALLOWED = new Map<string, string>([
  ['device QUEUED→IN_PROGRESS', 'start'],
  ['device IN_PROGRESS→IN_PROGRESS', 'progress'],
  ['device QUEUED→SUCCEEDED', 'finish'],
  ['device IN_PROGRESS→SUCCEEDED', 'finish'],
  ['device QUEUED→FAILED', 'finish'],
  ['device IN_PROGRESS→FAILED', 'finish'],
  ['device QUEUED→REJECTED', 'finish'],
  ['device IN_PROGRESS→REJECTED', 'finish'],
  ['service QUEUED→CANCELED', 'cancel'],
  ['service IN_PROGRESS→CANCELED (force)', 'force-cancel'],
  ['service IN_PROGRESS→TIMED_OUT', 'time-out'],
  ['service QUEUED→REMOVED', 'remove'],
  ['service IN_PROGRESS→REMOVED', 'remove'],
  ['service FAILED→QUEUED', 'retry'],
  ['service TIMED_OUT→QUEUED', 'retry'],
])

const ACTORS: readonly JobExecutionActor[] = ['device', 'service']
const DEVICE_SETTABLE = ['IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'REJECTED']
const TERMINAL = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'REJECTED', 'REMOVED', 'CANCELED']

const triples = ACTORS.flatMap((actor) =>
  JOB_EXECUTION_STATUSES.flatMap((from) =>
    JOB_EXECUTION_STATUSES.flatMap((to) =>
      [false, true].map((force) => ({ actor, from, to, force })),
    ),
  ),
)

describe('transitionJobExecution', () => {
  it('covers all 256 combinations of actor, from, to and force', () => {
    expect(triples).toHaveLength(2 * 8 * 8 * 2)
  })

  it.each(triples)('$actor $from→$to force=$force', ({ actor, from, to, force }) => {
    const key = `${actor} ${from}→${to}`
    const move = ALLOWED.get(key) ?? (force ? ALLOWED.get(`${key} (force)`) : undefined)
    const result = transitionJobExecution(from, { to, actor, force })

    if (move !== undefined) {
      expect(result).toEqual({ ok: true, from, to, move })
    } else if (actor === 'device' && !DEVICE_SETTABLE.includes(to)) {
      expect(result).toEqual({
        ok: false,
        code: 'InvalidRequest',
        message: `A device may set only IN_PROGRESS, SUCCEEDED, FAILED or REJECTED, not ${to}.`,
      })
    } else {
      expect(result).toMatchObject({ ok: false, code: 'InvalidStateTransition' })
    }
  })

  it('explains that terminal statuses are final', () => {
    expect(transitionJobExecution('SUCCEEDED', { to: 'IN_PROGRESS', actor: 'device' })).toEqual({
      ok: false,
      code: 'InvalidStateTransition',
      message:
        'A job execution cannot move from SUCCEEDED to IN_PROGRESS by the device. SUCCEEDED is a terminal status.',
    })
  })

  it('explains what force would do when it is missing', () => {
    expect(transitionJobExecution('IN_PROGRESS', { to: 'CANCELED', actor: 'service' })).toEqual({
      ok: false,
      code: 'InvalidStateTransition',
      message:
        'A job execution that is IN_PROGRESS can be canceled only with force, which stops the device mid-update.',
    })
  })

  it('never retries a REJECTED execution', () => {
    expect(
      transitionJobExecution('REJECTED', { to: 'QUEUED', actor: 'service', force: true }).ok,
    ).toBe(false)
  })
})

describe('status sets', () => {
  it('knows which statuses are terminal', () => {
    expect(JOB_EXECUTION_STATUSES.filter(isTerminalJobExecutionStatus)).toEqual(TERMINAL)
  })

  it('recognises status strings', () => {
    expect(isJobExecutionStatus('TIMED_OUT')).toBe(true)
    expect(isJobExecutionStatus('SUCCESS')).toBe(false)
    expect(isJobExecutionStatus(undefined)).toBe(false)
  })
})

describe('cancellationOf', () => {
  it.each([
    ['QUEUED', 'cancel'],
    ['IN_PROGRESS', 'force-cancel'],
    ['SUCCEEDED', 'none'],
    ['FAILED', 'none'],
    ['TIMED_OUT', 'none'],
    ['REJECTED', 'none'],
    ['REMOVED', 'none'],
    ['CANCELED', 'none'],
  ] as const)('%s: %s', (status, expected) => {
    expect(cancellationOf(status)).toBe(expected)
  })
})
