// The local cloud runs these on every device update and every CreateJob, and the
// dashboard on every keystroke of the job wizard: they must cost microseconds.
import { bench, describe } from 'vitest'
import { thingArn } from '../domain/arn.ts'
import { classifyFirmwareChange } from '../domain/firmware-version.ts'
import { validateCreateJobOptions } from '../domain/job-config/create-job-options.ts'
import { parseJobDocument, serializeJobDocument } from '../domain/job-document.ts'
import { transitionJobExecution } from '../domain/job-execution-status.ts'
import { validateStatusDetails } from '../domain/status-details.ts'

const install = {
  operation: 'install',
  url: '${aws:iot:s3-presigned-url:https://s3.us-east-1.amazonaws.com/firmware/thermo/2.1.0.bin}',
  version: '2.1.0',
  sha256: 'a'.repeat(64),
  size: 1_048_576,
  forced: false,
}
const largeInstall = { ...install, notes: 'x'.repeat(32_000) }
const largeInstallText = JSON.stringify(largeInstall)
const nowMs = Date.UTC(2026, 10, 22)
const options = {
  targets: Array.from({ length: 100 }, (_, index) =>
    thingArn({ region: 'us-east-1', accountId: '000000000000' }, `t${index}`),
  ),
  jobExecutionsRolloutConfig: { maximumPerMinute: 500 },
  timeoutConfig: { inProgressTimeoutInMinutes: 60 },
  schedulingConfig: { startTime: '2026-11-23T02:00', endTime: '2026-11-23T06:00' },
}

describe('device update path', () => {
  bench('transitionJobExecution', () => {
    transitionJobExecution('IN_PROGRESS', { to: 'SUCCEEDED', actor: 'device' })
  })
  bench('validateStatusDetails (3 pairs)', () => {
    validateStatusDetails({ progress: '42', step: 'download', reason: 'none' })
  })
  bench('classifyFirmwareChange', () => {
    classifyFirmwareChange('2.0.9-rc.1', '2.1.0')
  })
})

describe('job documents', () => {
  bench('serializeJobDocument (small)', () => {
    serializeJobDocument(install)
  })
  bench('serializeJobDocument (32 KB)', () => {
    serializeJobDocument(largeInstall)
  })
  bench('parseJobDocument (32 KB string)', () => {
    parseJobDocument(largeInstallText)
  })
})

describe('job creation', () => {
  bench('validateCreateJobOptions (100 targets)', () => {
    validateCreateJobOptions(options, { nowMs })
  })
})
