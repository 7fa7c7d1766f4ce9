// How many device updates a second the local cloud acknowledges durably, and
// how group commit shares fsyncs between them. Loopback only, bounded, stops
// by itself. Prints a table.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CreateJobCommand, IoTClient } from '@aws-sdk/client-iot'
import {
  IoTJobsDataPlaneClient,
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane'
import { ADMIN_CREDENTIALS, REGION } from '../local/config.ts'
import { startLocalCloud } from '../local/start.ts'
import {
  arnOfGroup,
  createGroupOf,
  createThings,
  DOCUMENT,
  inParallel,
} from '../local/testing/fleet-helpers.ts'

const DEVICES = 500
const CONCURRENCY_LEVELS = [1, 16, 64]

interface Row {
  readonly concurrency: number
  readonly requests: number
  readonly seconds: number
  readonly syncs: number
}

async function measure(concurrency: number): Promise<Row> {
  const dataDir = await mkdtemp(join(tmpdir(), 'fleetdeck-bench-'))
  const running = await startLocalCloud({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    clockSpeed: 60,
    corsOrigins: [],
    allowedHosts: [],
  })
  const config = {
    region: REGION,
    endpoint: running.endpoint,
    credentials: ADMIN_CREDENTIALS,
    maxAttempts: 1,
  }
  const iot = new IoTClient(config)
  const jobsData = new IoTJobsDataPlaneClient(config)
  try {
    const things = await createThings(iot, DEVICES, 'bench')
    const group = await createGroupOf(iot, things)
    const jobId = `bench-${concurrency}`
    await iot.send(
      new CreateJobCommand({ jobId, targets: [arnOfGroup(group)], document: DOCUMENT }),
    )
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const store = running.cloud.store as unknown as { syncCount?: number }
    const syncsBefore = store.syncCount ?? 0
    const started = performance.now()
    await inParallel(things, concurrency, async (thingName) => {
      await jobsData.send(new StartNextPendingJobExecutionCommand({ thingName }))
      await jobsData.send(new UpdateJobExecutionCommand({ jobId, thingName, status: 'SUCCEEDED' }))
    })
    const seconds = (performance.now() - started) / 1000
    return {
      concurrency,
      requests: DEVICES * 2,
      seconds,
      syncs: (store.syncCount ?? 0) - syncsBefore,
    }
  } finally {
    iot.destroy()
    jobsData.destroy()
    await running.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

const rows: Row[] = []
for (const concurrency of CONCURRENCY_LEVELS) rows.push(await measure(concurrency))
console.log(
  `\nDevice plane: StartNext + UpdateJobExecution for ${DEVICES} devices, each acknowledged after fdatasync`,
)
console.table(
  rows.map((row) => ({
    'concurrent devices': row.concurrency,
    requests: row.requests,
    'requests/s': Math.round(row.requests / row.seconds),
    'mean ms/request': Number(((row.seconds * 1000 * row.concurrency) / row.requests).toFixed(2)),
    'log syncs': row.syncs,
    'requests per sync': Number((row.requests / Math.max(1, row.syncs)).toFixed(1)),
  })),
)
