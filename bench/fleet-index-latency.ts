// How long fleet-index questions take at 10,000 things: SearchIndex pages and
// GetBucketsAggregation (the version distribution) through the SDK, over the
// wire and the edge like the dashboard's calls. Loopback only, bounded, stops
// by itself. Prints a table.
import {
  GetBucketsAggregationCommand,
  GetStatisticsCommand,
  SearchIndexCommand,
  UpdateIndexingConfigurationCommand,
} from '@aws-sdk/client-iot'
import { startLocalCloudFixture } from '../local/testing/local-cloud-fixture.ts'

const THINGS = 10_000
const ROUNDS = 30
const VERSION_FIELD = 'shadow.reported.firmware.version'
const VERSIONS = ['1.0.0', '1.1.0', '1.2.0', '2.0.0', '2.1.0']

const cloud = await startLocalCloudFixture()
try {
  await cloud.iot.send(
    new UpdateIndexingConfigurationCommand({
      thingIndexingConfiguration: {
        thingIndexingMode: 'REGISTRY_AND_SHADOW',
        thingConnectivityIndexingMode: 'STATUS',
        customFields: [{ name: VERSION_FIELD, type: 'String' }],
      },
    }),
  )
  const { registry, shadows, store } = cloud.running.cloud
  const names = Array.from(
    { length: THINGS },
    (_, index) => `bench-${String(index).padStart(5, '0')}`,
  )
  const setupStarted = performance.now()
  for (const [index, thingName] of names.entries())
    registry.createThing({ thingName, attributes: { model: `m${index % 3}` } })
  await store.flush()
  for (let start = 0; start < THINGS; start += 1_000) {
    await Promise.all(
      names.slice(start, start + 1_000).map((thingName, offset) =>
        shadows.updateThingShadow(
          thingName,
          undefined,
          new TextEncoder().encode(
            JSON.stringify({
              state: { reported: { firmware: { version: VERSIONS[(start + offset) % 5] } } },
            }),
          ),
        ),
      ),
    )
  }
  const setupSeconds = (performance.now() - setupStarted) / 1000

  const questions: { name: string; ask: () => Promise<unknown> }[] = [
    {
      name: 'SearchIndex * (first page of 100)',
      ask: () => cloud.iot.send(new SearchIndexCommand({ queryString: '*', maxResults: 100 })),
    },
    {
      name: 'SearchIndex matching nothing (scans all)',
      ask: () => cloud.iot.send(new SearchIndexCommand({ queryString: `${VERSION_FIELD}:9.9.9` })),
    },
    {
      name: 'SearchIndex version AND model (first page)',
      ask: () =>
        cloud.iot.send(
          new SearchIndexCommand({
            queryString: `${VERSION_FIELD}:2.* AND attributes.model:m1`,
            maxResults: 100,
          }),
        ),
    },
    {
      name: 'SearchIndex thingName:bench-0999*',
      ask: () => cloud.iot.send(new SearchIndexCommand({ queryString: 'thingName:bench-0999*' })),
    },
    {
      name: 'GetBucketsAggregation version (all things)',
      ask: () =>
        cloud.iot.send(
          new GetBucketsAggregationCommand({
            queryString: '*',
            aggregationField: VERSION_FIELD,
            bucketsAggregationType: { termsAggregation: { maxBuckets: 10 } },
          }),
        ),
    },
    {
      name: 'GetStatistics count (all things)',
      ask: () => cloud.iot.send(new GetStatisticsCommand({ queryString: '*' })),
    },
  ]

  const rows = []
  for (const { name, ask } of questions) {
    await ask() // warm-up
    const timings: number[] = []
    for (let round = 0; round < ROUNDS; round += 1) {
      const started = performance.now()
      await ask()
      timings.push(performance.now() - started)
    }
    timings.sort((a, b) => a - b)
    const at = (share: number) =>
      timings[Math.min(timings.length - 1, Math.floor(share * timings.length))] ?? 0
    rows.push({
      question: name,
      'mean ms': Number((timings.reduce((sum, ms) => sum + ms, 0) / timings.length).toFixed(2)),
      'p50 ms': Number(at(0.5).toFixed(2)),
      'p95 ms': Number(at(0.95).toFixed(2)),
    })
  }
  console.log(
    `\nFleet index at ${THINGS} things (set up in process in ${setupSeconds.toFixed(1)} s), ${ROUNDS} calls each through the SDK`,
  )
  console.table(rows)
} finally {
  await cloud.stop()
}
