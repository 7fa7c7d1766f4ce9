import { CreateJobCommand, DescribeJobCommand, type IoTClient } from '@aws-sdk/client-iot'

/**
 * Soak testing (issue 7, item 4): the same job N rounds against the devices
 * the simulator plays, stopping at the first round with a failure, then a
 * results table. Works against AWS as against the local cloud: only the IoT
 * client's endpoint and credentials differ.
 */
export interface SoakRound {
  readonly round: number
  readonly jobId: string
  readonly total: number
  readonly succeeded: number
  readonly failed: number
  readonly durationMs: number
}

export async function runSoak(options: {
  iot: IoTClient
  targets: readonly string[]
  document: string
  rounds: number
  presignedUrlConfig?: { roleArn: string; expiresInSec?: number }
  pollIntervalMs?: number
  roundTimeoutMs?: number
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}): Promise<SoakRound[]> {
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)))
  const results: SoakRound[] = []
  for (let round = 1; round <= options.rounds; round++) {
    const jobId = `soak-${now().toString(36)}-${round}`
    const startedMs = now()
    await options.iot.send(
      new CreateJobCommand({
        jobId,
        targets: [...options.targets],
        document: options.document,
        ...(options.presignedUrlConfig === undefined
          ? {}
          : { presignedUrlConfig: options.presignedUrlConfig }),
      }),
    )
    const deadline = startedMs + (options.roundTimeoutMs ?? 30 * 60_000)
    for (;;) {
      const { job } = await options.iot.send(new DescribeJobCommand({ jobId }))
      const details = job?.jobProcessDetails ?? {}
      const failed =
        (details.numberOfFailedThings ?? 0) +
        (details.numberOfRejectedThings ?? 0) +
        (details.numberOfTimedOutThings ?? 0) +
        (details.numberOfCanceledThings ?? 0) +
        (details.numberOfRemovedThings ?? 0)
      const succeeded = details.numberOfSucceededThings ?? 0
      const total =
        succeeded +
        failed +
        (details.numberOfQueuedThings ?? 0) +
        (details.numberOfInProgressThings ?? 0)
      const isOver = job?.status === 'COMPLETED' || job?.status === 'CANCELED' || now() > deadline
      if (isOver) {
        results.push({ round, jobId, total, succeeded, failed, durationMs: now() - startedMs })
        break
      }
      await sleep(options.pollIntervalMs ?? 2_000)
    }
    const last = results.at(-1)
    if (last === undefined || last.failed > 0 || last.succeeded < last.total) break
  }
  return results
}

export function formatSoakTable(rounds: readonly SoakRound[]): string {
  const rows = [
    ['round', 'job', 'total', 'succeeded', 'failed', 'duration (s)'],
    ...rounds.map((r) => [
      String(r.round),
      r.jobId,
      String(r.total),
      String(r.succeeded),
      String(r.failed),
      (r.durationMs / 1000).toFixed(1),
    ]),
  ]
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? []
  return rows
    .map((row) => row.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  '))
    .join('\n')
}
