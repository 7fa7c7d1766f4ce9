// How many device updates a second the local cloud acknowledges durably, and
// how group commit shares fsyncs between them. Loopback only, bounded, stops
// by itself. Prints a table.
import { CreateJobCommand } from '@aws-sdk/client-iot'
import {
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane'
import { startLocalCloudFixture } from '../local/testing/local-cloud-fixture.ts'
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
  const cloud = await startLocalCloudFixture({ clockSpeed: 60 })
  try {
    const things = await createThings(cloud.iot, DEVICES, 'bench')
    const group = await createGroupOf(cloud.iot, things)
    const jobId = `bench-${concurrency}`
    await cloud.iot.send(
      new CreateJobCommand({ jobId, targets: [arnOfGroup(group)], document: DOCUMENT }),
    )
    // At 1,000 a minute and a clock 60 times fast, the rollout is done within a second.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const store = cloud.running.cloud.store as unknown as { syncCount?: number }
    const syncsBefore = store.syncCount ?? 0
    const started = performance.now()
    await inParallel(things, concurrency, async (thingName) => {
      await cloud.jobsData.send(new StartNextPendingJobExecutionCommand({ thingName }))
      await cloud.jobsData.send(
        new UpdateJobExecutionCommand({ jobId, thingName, status: 'SUCCEEDED' }),
      )
    })
    const seconds = (performance.now() - started) / 1000
    return {
      concurrency,
      requests: DEVICES * 2,
      seconds,
      syncs: (store.syncCount ?? 0) - syncsBefore,
    }
  } finally {
    await cloud.stop()
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
