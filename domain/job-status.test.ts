import { describe, expect, it } from 'vitest'
import {
  isFinishedJobStatus,
  isJobStatus,
  JOB_STATUSES,
  transitionJob,
  type JobActor,
} from './job-status.ts'

/** Every allowed job move, from the developer guide and the CancelJob / DeleteJob references. */
const ALLOWED = new Map<string, string>([
  ['service SCHEDULED→IN_PROGRESS', 'start'],
  ['service IN_PROGRESS→SCHEDULED', 'pause'],
  ['service IN_PROGRESS→COMPLETED', 'complete'],
  ['service SCHEDULED→CANCELED', 'cancel'],
  ['service IN_PROGRESS→CANCELED', 'cancel'],
  ['operator SCHEDULED→CANCELED', 'cancel'],
  ['operator IN_PROGRESS→CANCELED', 'cancel'],
  ['operator COMPLETED→DELETION_IN_PROGRESS', 'delete'],
  ['operator CANCELED→DELETION_IN_PROGRESS', 'delete'],
  ['operator SCHEDULED→DELETION_IN_PROGRESS (force)', 'force-delete'],
  ['operator IN_PROGRESS→DELETION_IN_PROGRESS (force)', 'force-delete'],
])

const ACTORS: readonly JobActor[] = ['operator', 'service']

const cases = ACTORS.flatMap((actor) =>
  JOB_STATUSES.flatMap((from) =>
    JOB_STATUSES.flatMap((to) => [false, true].map((force) => ({ actor, from, to, force }))),
  ),
)

describe('transitionJob', () => {
  it('covers all 100 combinations of actor, from, to and force', () => {
    expect(cases).toHaveLength(2 * 5 * 5 * 2)
  })

  it.each(cases)('$actor $from→$to force=$force', ({ actor, from, to, force }) => {
    const key = `${actor} ${from}→${to}`
    const move = ALLOWED.get(key) ?? (force ? ALLOWED.get(`${key} (force)`) : undefined)
    const result = transitionJob(from, { to, actor, force })
    if (move !== undefined) expect(result).toEqual({ ok: true, from, to, move })
    else expect(result).toMatchObject({ ok: false, code: 'InvalidStateTransition' })
  })

  it('refuses anything on a job that is being deleted, saying so', () => {
    expect(
      transitionJob('DELETION_IN_PROGRESS', { to: 'CANCELED', actor: 'operator', force: true }),
    ).toEqual({
      ok: false,
      code: 'InvalidStateTransition',
      message: 'The job is already being deleted.',
    })
  })

  it('says that deleting a running job takes force', () => {
    expect(
      transitionJob('IN_PROGRESS', { to: 'DELETION_IN_PROGRESS', actor: 'operator' }),
    ).toMatchObject({
      ok: false,
      message:
        'A job that is IN_PROGRESS can be deleted only with force, which also deletes executions devices are running.',
    })
  })
})

describe('job status helpers', () => {
  it('knows which jobs are finished', () => {
    expect(JOB_STATUSES.filter(isFinishedJobStatus)).toEqual([
      'COMPLETED',
      'CANCELED',
      'DELETION_IN_PROGRESS',
    ])
  })

  it('recognises status strings', () => {
    expect(isJobStatus('SCHEDULED')).toBe(true)
    expect(isJobStatus('DONE')).toBe(false)
  })
})
